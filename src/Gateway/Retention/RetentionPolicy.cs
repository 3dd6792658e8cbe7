namespace Platform.Gateway.Retention;

/// <summary>
/// A camera's retention: clips that started more than <see cref="Days"/> days ago go, and beyond that the oldest
/// clips go until the rest fit in <see cref="Bytes"/>. Null (or not positive) means no limit of that kind, so a
/// mistyped 0 never wipes a camera.
/// </summary>
public sealed record RetentionPolicy(string CameraId, int? Days, long? Bytes);
