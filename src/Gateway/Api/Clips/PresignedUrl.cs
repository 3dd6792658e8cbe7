namespace Platform.Gateway.Api.Clips;

/// <summary>A presigned object-store URL and the moment it stops working (signing time plus <c>S3:PresignedUrlLifetime</c>).</summary>
public sealed record PresignedUrl(string Url, DateTimeOffset ExpiresAt);
