using Minio;

namespace Platform.ObjectStorage;

/// <summary>The one place that configures the MinIO SDK client; every service and test builds its client here.</summary>
public static class MinioClients
{
    public static IMinioClient Create(ObjectStoreConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var url = connection.ServiceUrl;
        return new MinioClient()
            .WithEndpoint(url.Host, url.Port)
            .WithSSL(url.Scheme == Uri.UriSchemeHttps)
            .WithCredentials(connection.AccessKey, connection.SecretKey)
            // A fixed region: without it the SDK asks the server for the bucket's location before the first request.
            .WithRegion(connection.Region)
            .WithTimeout((int)connection.RequestTimeout.TotalMilliseconds)
            .Build();
    }
}
