namespace Platform.ObjectStorage;

/// <summary>Where an S3-compatible store (MinIO, AWS S3, the local test server) answers and how to sign for it.</summary>
/// <param name="ServiceUrl">e.g. http://minio:9000; the scheme decides TLS.</param>
/// <param name="Region">The signing region; MinIO's default is us-east-1.</param>
public sealed record ObjectStoreConnection(Uri ServiceUrl, string AccessKey, string SecretKey, string Region, TimeSpan RequestTimeout)
{
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Parses <paramref name="serviceUrl"/>; the options validators of the services refuse a bad one before this runs.</summary>
    public static ObjectStoreConnection From(string serviceUrl, string accessKey, string secretKey, string region = "us-east-1", TimeSpan? requestTimeout = null) =>
        new(new Uri(serviceUrl, UriKind.Absolute), accessKey, secretKey, region, requestTimeout ?? DefaultRequestTimeout);

    // Credentials never reach logs or exception messages through this record's printed form.
    public override string ToString() => $"{ServiceUrl} (region {Region})";
}
