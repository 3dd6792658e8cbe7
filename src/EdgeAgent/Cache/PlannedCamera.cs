using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Cache;

/// <summary>
/// One camera of the agent's merged set: its options, where they came from (<see cref="EdgeCameraStatus.LocalSource"/>
/// or <see cref="EdgeCameraStatus.CloudSource"/>), and a problem known before any recorder runs.
/// </summary>
internal sealed record PlannedCamera(CameraOptions Options, string Source, string? Problem = null)
{
    /// <summary>
    /// False when the camera cannot be recorded as configured (its password does not open): it is only reported.
    /// A camera overridden locally runs (its local definition).
    /// </summary>
    public bool Runs => Problem is null or EdgeCameraProblems.OverriddenLocally;
}
