using Platform.ObjectStorage;

namespace Platform.Gateway.Configuration;

/// <summary>Section "S3": the object store holding clips and thumbnails (MinIO, S3 or any S3-compatible server).</summary>
public sealed class S3StorageOptions
{
    public const string Section = "S3";

    /// <summary>Required, e.g. http://minio:9000. Presigned URLs point here, so browsers must reach it too.</summary>
    public string ServiceUrl { get; set; } = "";

    /// <summary>The bucket the edge agents upload to; the gateway never serves a key from another bucket.</summary>
    public string Bucket { get; set; } = "clips";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    /// <summary>How long a presigned content or thumbnail URL stays valid.</summary>
    public TimeSpan PresignedUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one request to the store may take before it fails.</summary>
    public TimeSpan RequestTimeout { get; set; } = ObjectStoreConnection.DefaultRequestTimeout;

    public ObjectStoreConnection Connection => ObjectStoreConnection.From(ServiceUrl, AccessKey, SecretKey, Region, RequestTimeout);
}
