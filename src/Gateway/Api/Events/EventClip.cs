namespace Platform.Gateway.Api.Events;

/// <summary>
/// The clip to play for a timeline entry: a recording session's first clip, or the clip of the alert's camera that
/// covers the alert's moment. <see cref="OffsetSeconds"/> is how far into the clip that moment is (0 for a session).
/// </summary>
public sealed record EventClip(string Id, DateTimeOffset StartAt, double OffsetSeconds, string? ThumbnailUrl);
