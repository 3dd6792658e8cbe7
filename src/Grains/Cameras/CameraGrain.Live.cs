using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Grains;
using Platform.Grains.Hosting;
using Platform.Grains.Live;

namespace Platform.Grains.Cameras;

/// <summary>
/// The camera's live view: viewers share one edge stream, led by a <see cref="LiveLease"/> held in memory only
/// (see there why). Its commands go straight to the broker (<see cref="ILiveCommandSender"/>), not through the
/// outbox, and its timer is its own, so that watching never writes the grain's state.
/// </summary>
public sealed partial class CameraGrain
{
    private LiveLease live = null!;
    private IGrainTimer? liveTimer;

    public async Task<LiveView> WatchLive(string viewerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(viewerId);
        var camera = state.State.Camera;
        if (Unavailable(camera) is { } reason)
        {
            await SendLiveAsync(live.Leave(viewerId, time.GetUtcNow()));
            return new LiveView { Viewers = live.Viewers, Unavailable = reason };
        }

        try
        {
            await SendLiveAsync(live.Watch(viewerId, time.GetUtcNow(), NewStreamId));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The broker did not take the start: forget the stream, so that the viewer's next renewal starts it anew
            // (a kept stream id would wait out RenewEvery before its start is sent again).
            live.StopAll(time.GetUtcNow());
            ArmLiveTimer();
            LogLiveSendFailed(e, logic.CameraId.Value);
            return new LiveView { Unavailable = "The start could not be sent to the camera's edge agent (the broker did not take it); trying again." };
        }

        return View();
    }

    public async Task LeaveLive(string viewerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(viewerId);
        await SendLiveAsync(live.Leave(viewerId, time.GetUtcNow()));
    }

    public Task<LiveView> GetLiveView() => Task.FromResult(View());

    private LiveView View() => new() { StreamId = live.StreamId, Viewers = live.Viewers, LeaseUntil = live.LeaseUntil };

    /// <summary>Why no stream can be had now: the agent is silent, or it cannot read the camera.</summary>
    private static string? Unavailable(CameraState camera)
    {
        if (!camera.Online)
        {
            return camera.LastHeartbeatAt is { } last
                ? $"The camera's edge agent is offline: no report since {last.ToString("u", CultureInfo.InvariantCulture)}."
                : "No edge agent has reported this camera yet.";
        }

        return camera.Connected ? null : $"The camera is offline: edge agent {camera.AgentId} cannot read it.";
    }

    /// <summary>Random, so that the objects of a stream cannot be found from the camera id or an earlier stream.</summary>
    private static string NewStreamId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private async Task SendLiveAsync(LiveViewCommand? command)
    {
        if (command is not null)
        {
            await liveCommands.SendAsync(command, CancellationToken.None);
            LogLiveCommand(command.Command, logic.CameraId.Value, command.StreamId, live.Viewers);
        }

        ArmLiveTimer();
    }

    private void ArmLiveTimer()
    {
        liveTimer?.Dispose();
        liveTimer = live.NextDue is { } due
            ? this.RegisterGrainTimer(
                _ => SendLiveAsync(live.OnTimer(time.GetUtcNow())),
                new GrainTimerCreationOptions { DueTime = GrainTimerSlot.Until(due, time), Period = Timeout.InfiniteTimeSpan })
            : null;
    }

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "Live view of camera {CameraId}: the start command could not be sent")]
    private partial void LogLiveSendFailed(Exception error, string cameraId);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Live view: {Command} for camera {CameraId}, stream {StreamId}, {Viewers} viewer(s)")]
    private partial void LogLiveCommand(string command, string cameraId, string streamId, int viewers);
}
