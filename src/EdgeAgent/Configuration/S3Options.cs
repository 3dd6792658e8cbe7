using Platform.ObjectStorage;

namespace Platform.EdgeAgent.Configuration;

/// <summary>Where clips go (section <c>EdgeAgent:S3</c>): any S3-compatible store, MinIO included.</summary>
public sealed class S3Options
{
    public const string SectionName = "EdgeAgent:S3";

    /// <summary>e.g. http://minio:9000. Required.</summary>
    public string ServiceUrl { get; set; } = "";

    /// <summary>Signing region. Default us-east-1 (what MinIO expects unless configured otherwise).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Required; must exist (the agent does not create buckets).</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Required. Never logged.</summary>
    public string AccessKey { get; set; } = "";

    /// <summary>Required. Never logged.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Per-request timeout. Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = ObjectStoreConnection.DefaultRequestTimeout;

    public ObjectStoreConnection Connection => ObjectStoreConnection.From(ServiceUrl, AccessKey, SecretKey, Region, RequestTimeout);
}
