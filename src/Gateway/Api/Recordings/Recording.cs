namespace Platform.Gateway.Api.Recordings;

/// <summary>A recording session as the camera grain keeps it: the window it asked the edge to cut, and why.</summary>
/// <param name="RuleId">The rule whose trigger opened the session (null: a manual recording).</param>
/// <param name="RuleIds">Every rule whose trigger opened or extended the session, the opener first.</param>
public sealed record Recording(
    string Id, string CameraId, string Status, DateTimeOffset StartAt, DateTimeOffset EndAt, DateTimeOffset MaxEndAt,
    string? RuleId, IReadOnlyList<string> RuleIds, string? SensorId, string? Reason, string Container, int Extensions, string? CloseReason, DateTimeOffset UpdatedAt);

/// <summary>The body of POST /api/cameras/{id}/recordings; every field optional.</summary>
/// <param name="DurationSeconds">How long to record from now (1–3600, default 30).</param>
/// <param name="PreRollSeconds">How much of the edge cache before now to include (0–600, default 5).</param>
/// <param name="Container">mp4 (default) or mkv.</param>
public sealed record RecordingInput(int? DurationSeconds, int? PreRollSeconds, string? Container);

/// <summary>The 202 answer: the session the camera grain will open (or, for a stop, the one it will close).</summary>
public sealed record RecordingAccepted(string CameraId, string? SessionId, DateTimeOffset RequestedAt);
