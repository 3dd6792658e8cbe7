using Amazon.Runtime;
using Amazon.S3;
using Platform.LocalInfra;

namespace Platform.Testing;

/// <summary>
/// The one place that knows how an AmazonS3Client must be configured to talk to the local S3 server (and to
/// MinIO): path-style addressing (no bucket DNS names on loopback), a fixed signing region, and checksums only
/// when an operation requires them, because SDK 4 otherwise sends aws-chunked uploads with trailing checksums
/// that s3rver cannot parse.
/// </summary>
public static class LocalS3Client
{
    public const string Region = "us-east-1";

    public static AmazonS3Config CreateConfig(S3Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new AmazonS3Config
        {
            ServiceURL = server.ServiceUrl.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
    }

    public static AmazonS3Client Create(S3Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new AmazonS3Client(new BasicAWSCredentials(server.AccessKey, server.SecretKey), CreateConfig(server));
    }
}
