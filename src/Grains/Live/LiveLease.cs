using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Live;

/// <summary>
/// The viewers of one camera's live view and the one edge stream they share. Each viewer renews every few seconds;
/// the first starts the stream, renewals extend the agent's lease (at most every <see cref="LiveViewOptions.RenewEvery"/>),
/// and when the last one leaves or stops renewing the stream is stopped. Soft state, never persisted: after a silo
/// failure the next renewal asks the new activation, which starts a new stream, and the agent ends the orphaned one
/// when its lease runs out.
/// </summary>
public sealed class LiveLease(CameraId cameraId, LiveViewOptions options)
{
    private readonly Dictionary<string, DateTimeOffset> viewers = new(StringComparer.Ordinal);

    /// <summary>The stream the agent was asked for; null when none runs.</summary>
    public string? StreamId { get; private set; }

    /// <summary>The lease the agent was last given.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    public int Viewers => viewers.Count;

    /// <summary>When the first viewer's lease runs out (processing time); null without viewers.</summary>
    public DateTimeOffset? NextDue => viewers.Count == 0 ? null : viewers.Values.Min();

    /// <summary>
    /// <paramref name="viewerId"/> watches, for the first time or again. Returns the start command to send when the
    /// stream must start or the agent's lease be renewed; null when the lease it has is recent.
    /// </summary>
    public LiveViewCommand? Watch(string viewerId, DateTimeOffset now, Func<string> newStreamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(viewerId);
        ArgumentNullException.ThrowIfNull(newStreamId);
        Expire(now);
        viewers[viewerId] = now + options.ViewerTimeout;
        if (StreamId is null)
        {
            StreamId = newStreamId();
            return Start(now);
        }

        return LeaseUntil - now <= options.Lease - options.RenewEvery ? Start(now) : null;
    }

    /// <summary><paramref name="viewerId"/> has left (closed the player); the stop command when nobody watches now.</summary>
    public LiveViewCommand? Leave(string viewerId, DateTimeOffset now)
    {
        viewers.Remove(viewerId);
        return StopIfUnwatched(now);
    }

    /// <summary>Forgets viewers that stopped renewing; the stop command when that left nobody.</summary>
    public LiveViewCommand? OnTimer(DateTimeOffset now) => StopIfUnwatched(now);

    /// <summary>Ends the stream whatever the viewers (the camera was deleted or went offline); the stop command if one ran.</summary>
    public LiveViewCommand? StopAll(DateTimeOffset now)
    {
        viewers.Clear();
        return StopIfUnwatched(now);
    }

    private LiveViewCommand? StopIfUnwatched(DateTimeOffset now)
    {
        Expire(now);
        if (viewers.Count > 0 || StreamId is not { } streamId)
        {
            return null;
        }

        StreamId = null;
        LeaseUntil = null;
        return new LiveViewCommand { Command = LiveViewCommand.StopLive, CameraId = cameraId, StreamId = streamId, LeaseUntil = now };
    }

    private LiveViewCommand Start(DateTimeOffset now)
    {
        LeaseUntil = now + options.Lease;
        return new LiveViewCommand { Command = LiveViewCommand.StartLive, CameraId = cameraId, StreamId = StreamId!, LeaseUntil = LeaseUntil.Value };
    }

    private void Expire(DateTimeOffset now)
    {
        foreach (var (viewer, until) in viewers.ToList())
        {
            if (until <= now)
            {
                viewers.Remove(viewer);
            }
        }
    }
}
