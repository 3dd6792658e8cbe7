using Orleans;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;

namespace Platform.Grains.Interfaces.Grains;

/// <summary>
/// One camera, keyed by its camera id: recording sessions and Smart Video Record commands, clips, edge status.
/// Heartbeats and clip announcements reach it on its stream (namespace <see cref="StreamNamespaces.Camera"/>).
/// </summary>
public interface ICameraGrain : IGrainWithStringKey
{
    /// <summary>
    /// A sensor's rule asks to record: <paramref name="request"/> carries a <see cref="RecordRequested"/>, a message id
    /// derived from the sensor's turn and that turn's position, so a request repeated after the sensor's crash is applied once.
    /// </summary>
    Task RequestRecording(GrainEnvelope request);

    /// <summary>
    /// A manual recording: <see cref="RecordRequested.RequestedSessionId"/> is set by the caller and makes a repeat of the
    /// call harmless. Returns once the session is stored and its command is on its way.
    /// </summary>
    Task<SessionId> StartRecording(RecordRequested request);

    /// <summary>Ends the open session at <see cref="StopRecordingRequested.RequestedAt"/>; returns it, or null when none was open.</summary>
    Task<SessionId?> StopRecording(StopRecordingRequested request);

    /// <summary>Reads the camera's configuration again (its device sensor id for commands).</summary>
    Task ReloadConfig();

    /// <summary>What the camera grain knows now: edge status and the open session.</summary>
    Task<CameraLiveState> GetLiveState();

    /// <summary>
    /// <paramref name="viewerId"/> watches the camera live; called again every few seconds while it does. The first
    /// viewer starts the edge stream that all share; renewals keep its lease. A camera whose agent is offline or
    /// cannot read it gets no stream: <see cref="LiveView.Unavailable"/> says why.
    /// </summary>
    Task<LiveView> WatchLive(string viewerId);

    /// <summary><paramref name="viewerId"/> closed the player: the stream stops when it was the last viewer.</summary>
    Task LeaveLive(string viewerId);

    /// <summary>The live stream now, without watching (to check that a segment asked for is of the current stream).</summary>
    Task<LiveView> GetLiveView();
}
