using Platform.Gateway.Api.Clips;

namespace Platform.Gateway.Retention;

/// <summary>A clip as retention sees it: when it started, how big it is, and where to delete it from.</summary>
public sealed record RetentionCandidate(ClipLocation Location, DateTimeOffset StartAt, long SizeBytes);

/// <summary>A clip to delete and the limit it broke.</summary>
public sealed record RetentionDecision(RetentionCandidate Clip, RetentionReason Reason);

public enum RetentionReason
{
    /// <summary>Older than the camera's retention_days.</summary>
    Age,

    /// <summary>Beyond the camera's retention_bytes, counting from the newest clip.</summary>
    Budget,
}
