using Platform.Grains.Interfaces.Edge;

namespace Platform.Gateway.Api.Cameras;

/// <summary>
/// Desired against actual for one camera: which agent should record it with which configuration version, what that
/// agent last said about it, and in <see cref="State"/> and <see cref="Reason"/> whether it records and, if not, why.
/// </summary>
public sealed record CameraEdgeState(
    string CameraId, string? AgentId, bool Continuous, long? DesiredConfigVersion, bool AgentOnline, DateTimeOffset? AgentLastHeartbeatAt,
    long? AppliedConfigVersion, string? ReportedBy, EdgeCameraStatus? Reported, string State, string Reason);

/// <summary>The values of <see cref="CameraEdgeState.State"/>.</summary>
public static class CameraEdgeStates
{
    public const string Recording = "recording";
    public const string NoAgent = "no-agent";
    public const string AgentNeverSeen = "agent-never-seen";
    public const string AgentOffline = "agent-offline";
    public const string Pending = "pending";
    public const string NotReported = "not-reported";
    public const string Connecting = "connecting";
    public const string NotRecording = "not-recording";
}
