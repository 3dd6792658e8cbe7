using Platform.Gateway.Api.Agents;
using Platform.Gateway.Api.Cameras;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.UnitTests.Gateway;

public sealed class CameraEdgeDiagnosisTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_an_agent_and_without_a_report_the_camera_has_no_agent() =>
        Assert.Equal(CameraEdgeStates.NoAgent, Diagnose(agentId: null, desired: null, report: null).State);

    [Fact]
    public void An_agent_that_never_reported_is_named_with_what_to_check()
    {
        var state = Diagnose("edge-1", 3, null);
        Assert.Equal(CameraEdgeStates.AgentNeverSeen, state.State);
        Assert.Contains("EdgeAgent:AgentId 'edge-1'", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agent_silent_for_longer_than_three_heartbeats_is_offline_with_how_long()
    {
        var state = Diagnose("edge-1", 3, Report(3, Now.AddMinutes(-5), Camera(connected: true)));
        Assert.Equal((CameraEdgeStates.AgentOffline, false), (state.State, state.AgentOnline));
        Assert.Contains("5 min ago", state.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2L, null, "version 3 is on its way")]
    [InlineData(null, null, "EdgeAgent:ConfigKey")]
    [InlineData(2L, "camera door: the password does not open", "could not apply its configuration: camera door")]
    public void An_agent_behind_the_desired_version_is_pending_with_why(long? applied, string? configError, string says)
    {
        var state = Diagnose("edge-1", 3, Report(applied, Now, Camera(connected: true)) with { ConfigError = configError });
        Assert.Equal(CameraEdgeStates.Pending, state.State);
        Assert.Contains(says, state.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EdgeCameraProblems.Unauthorized, "user name and password")]
    [InlineData(EdgeCameraProblems.Unreachable, "cannot reach")]
    [InlineData(EdgeCameraProblems.NotFound, "no stream at this path")]
    [InlineData(EdgeCameraProblems.UnsupportedCodec, "container mkv")]
    [InlineData(EdgeCameraProblems.OverriddenLocally, "own configuration file")]
    [InlineData(EdgeCameraProblems.CredentialsUnreadable, "ConfigKey")]
    [InlineData("something-new", "ffmpeg said no")]
    public void A_camera_problem_is_explained(string problem, string says)
    {
        var state = Diagnose("edge-1", 3, Report(3, Now, Camera(connected: false) with { Problem = problem, LastError = "ffmpeg said no" }));
        Assert.Equal(CameraEdgeStates.NotRecording, state.State);
        Assert.Contains(says, state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_camera_missing_from_a_current_report_is_not_reported_and_a_connected_one_records()
    {
        Assert.Equal(CameraEdgeStates.NotReported, Diagnose("edge-1", 3, Report(3, Now)).State);
        Assert.Equal(CameraEdgeStates.Connecting, Diagnose("edge-1", 3, Report(3, Now, Camera(connected: false))).State);
        var recording = Diagnose("edge-1", 3, Report(4, Now.AddSeconds(-29), Camera(connected: true) with { Continuous = true, UploadedThrough = Now }));
        Assert.Equal((CameraEdgeStates.Recording, true, 4L), (recording.State, recording.AgentOnline, recording.AppliedConfigVersion));
        Assert.Contains("continuously", recording.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_camera_recorded_from_an_agents_own_file_records_without_an_agent_named()
    {
        var state = CameraEdgeDiagnosis.Diagnose("door", null, false, null, "edge-local", Report(null, Now, Camera(connected: true)), Now);
        Assert.Equal(CameraEdgeStates.Recording, state.State);
        Assert.Contains("edge-local", state.Reason, StringComparison.Ordinal);
    }

    private static CameraEdgeState Diagnose(string? agentId, long? desired, EdgeAgentReport? report) =>
        CameraEdgeDiagnosis.Diagnose("door", agentId, false, desired, agentId, report, Now);

    private static EdgeAgentReport Report(long? version, DateTimeOffset receivedAt, params EdgeCameraStatus[] cameras) =>
        new(receivedAt, receivedAt, "1.0", version, null, 1 << 30, 0, 0, 0, cameras);

    private static EdgeCameraStatus Camera(bool connected) => new()
    {
        CameraId = new CameraId("door"),
        Connected = connected,
        CacheSeconds = 30,
        Restarts = 0,
        Recording = false,
    };
}
