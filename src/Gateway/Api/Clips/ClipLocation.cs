namespace Platform.Gateway.Api.Clips;

/// <summary>Where a clip's bytes are, exactly as the catalog row says; checked by <see cref="ClipObjectGuard"/> before any use.</summary>
public sealed record ClipLocation(string Id, string CameraId, string Bucket, string ObjectKey, string? ThumbnailKey);

/// <summary>A catalog row: what the API shows and where the bytes are.</summary>
public sealed record CatalogClip(Clip Clip, ClipLocation Location);
