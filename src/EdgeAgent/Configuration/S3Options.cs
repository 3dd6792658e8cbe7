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

    /// <summary>Path-style addressing (bucket in the path, not the host name). Default true, as MinIO needs.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Files at least this big are uploaded in parts. Default 16 MiB; at least 5 MiB (S3's smallest part).</summary>
    public long MultipartThresholdBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Part size of multipart uploads. Default 8 MiB; at least 5 MiB.</summary>
    public long PartSizeBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Per-request timeout. Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
