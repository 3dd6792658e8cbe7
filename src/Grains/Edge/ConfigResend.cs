namespace Platform.Grains.Edge;

/// <summary>
/// When a heartbeat should make the agent grain send the desired configuration again: the agent runs an older
/// version (or none) and the last send is long enough ago to have reached it. Pure, for unit tests.
/// </summary>
public static class ConfigResend
{
    /// <summary>A send reaches an online agent within a few seconds; this leaves room for one heartbeat on the way.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    public static bool IsDue(long desiredVersion, long? reportedVersion, DateTimeOffset? lastSentAt, DateTimeOffset now) =>
        (reportedVersion is null || reportedVersion < desiredVersion) && (lastSentAt is null || now - lastSentAt >= Grace);
}
