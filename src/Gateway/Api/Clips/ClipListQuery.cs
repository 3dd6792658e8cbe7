namespace Platform.Gateway.Api.Clips;

/// <summary>
/// The filters of GET /api/clips, already validated. <see cref="SiteId"/> is the effective site (the caller's scope,
/// else the requested one); <see cref="After"/> is the last row of the previous page, newest first.
/// </summary>
public sealed record ClipListQuery(
    string? CameraId,
    string? RuleId,
    string? SessionId,
    string? SiteId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    (DateTimeOffset StartAt, string Id)? After,
    int Limit);
