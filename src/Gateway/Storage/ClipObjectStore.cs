using Amazon.Runtime;
using Amazon.S3;
using Platform.Gateway.Configuration;

namespace Platform.Gateway.Storage;

/// <summary>The S3 client for the clip bucket.</summary>
public static class ClipObjectStore
{
    public static AmazonS3Client CreateClient(S3StorageOptions options) => new(
        new BasicAWSCredentials(options.AccessKey, options.SecretKey),
        new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            AuthenticationRegion = options.Region,
            // MinIO and local servers serve buckets as paths, not as DNS names.
            ForcePathStyle = true,
            // SDK 4 otherwise sends aws-chunked bodies with trailing checksums that some S3-compatible servers reject.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
}
