using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using Platform.Grains.Effects;
using Platform.Grains.Hosting;
using Platform.Grains.Interfaces.Grains;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Live;
using Platform.Grains.Turns;

namespace Platform.Grains.Cameras;

/// <summary>
/// One camera. Record requests come from sensor grains (rules) and the gateway (manual); heartbeats and clip
/// announcements on its stream. <see cref="CameraLogic"/> decides sessions and Smart Video Record commands; the
/// grain stores its state with the commands (outbox) and catalog rows in one write before it answers, so a caller
/// that got an answer knows the command will be sent, and a repeated request (its sensor crashed before storing)
/// is recognised by its position and applied once. A timer closes sessions and notices heartbeat silence while the
/// grain is active; a reminder brings it back for that after its silo died.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Camera)]
public sealed partial class CameraGrain(
    [PersistentState("camera", GrainStorageNames.Grains)] IPersistentState<CameraGrainState> state,
    IGrainConfigSource configs,
    CameraGrainOptions options,
    GrainTelemetry telemetry,
    ILiveCommandSender liveCommands,
    TimeProvider time,
    ILogger<CameraGrain> logger)
    : Grain, ICameraGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<GrainEnvelope>, IRemindable
{
    /// <summary>The reminder that survives the silo: it re-activates the grain so that its timer can fire.</summary>
    public const string LivenessReminder = "liveness";

    private static readonly KeyValuePair<string, object?> Kind = new("kind", "camera");

    private GrainTimerSlot timer = null!;
    private CameraLogic logic = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var config = await configs.LoadCameraAsync(CameraId.From(this.GetPrimaryKeyString()), cancellationToken);
        logic = new CameraLogic(config, state.State.Camera, options);
        live = new LiveLease(logic.CameraId, options.Live);
        timer = new GrainTimerSlot(this, time, () => logic.NextTimerDue, OnTimerAsync);
        timer.Arm();
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<GrainEnvelope>().ResumeAsync(this);

    public Task OnNextAsync(IList<SequentialItem<GrainEnvelope>> items) => GuardAsync(async () =>
    {
        var applied = 0;
        foreach (var item in items)
        {
            var envelope = item.Item;
            if (envelope.Source is { } source && state.State.Applied.TryAdvance(source.PartitionKey, source))
            {
                using var activity = Apply(envelope, new SourcePosition(source.Topic, source.Partition, source.Offset), "camera event");
                applied++;
            }
            else
            {
                telemetry.Repeats.Add(1, Kind);
            }
        }

        if (applied > 0)
        {
            telemetry.Events.Add(applied, Kind);
            await PersistAsync();
        }
    });

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task RequestRecording(GrainEnvelope request) => GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is not { Message: RecordRequested record, Source: { } source })
        {
            throw new ArgumentException("A record request carries a RecordRequested and the position of the turn that sent it.", nameof(request));
        }

        // The sensor's turns in one partition come in order: a position at or before the last applied is a repeat.
        if (!state.State.Applied.TryAdvance($"{record.SensorId?.Value}|{source.PartitionKey}", source))
        {
            telemetry.Repeats.Add(1, Kind);
            return;
        }

        // The sensor's turn position makes the ids: the request repeated after a crash gets the same ones.
        using var activity = Apply(request, new SourcePosition(source.Topic, source.Partition, source.Offset), "record request");
        await PersistAsync();
    });

    public async Task<SessionId> StartRecording(RecordRequested request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requested = request.RequestedSessionId ?? throw new ArgumentException("A manual recording names its session.", nameof(request));
        await GuardAsync(async () =>
        {
            if (state.State.TryRemember(requested.Value))
            {
                using var activity = Apply(Manual(requested.Value, request, request.TriggeredAt), ManualPosition, "manual record");
                await PersistAsync();
            }
        });
        return requested;
    }

    public async Task<SessionId?> StopRecording(StopRecordingRequested request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var open = state.State.Camera.Session?.SessionId;
        await GuardAsync(async () =>
        {
            if (state.State.TryRemember(request.RequestId))
            {
                using var activity = Apply(Manual(request.RequestId, request, request.RequestedAt), ManualPosition, "manual stop");
                await PersistAsync();
            }
        });
        return open;
    }

    public Task ReloadConfig() => GuardAsync(async () =>
        logic.Configure(await configs.LoadCameraAsync(logic.CameraId, CancellationToken.None)));

    public Task<CameraLiveState> GetLiveState()
    {
        var camera = state.State.Camera;
        return Task.FromResult(new CameraLiveState
        {
            CameraId = logic.CameraId,
            Online = camera.Online,
            LastHeartbeatAt = camera.LastHeartbeatAt,
            AgentId = camera.AgentId,
            Connected = camera.Connected,
            CacheSeconds = camera.CacheSeconds,
            Recording = camera.Recording,
            OpenSessionId = camera.Session?.SessionId,
            OpenSessionStart = camera.Session?.Start,
            OpenSessionEnd = camera.Session?.End,
        });
    }

    /// <summary>The grain is active again (its silo may have died): the timer it arms on activation does the work.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <summary>Manual requests are not from a partition: their ids come from the request id in the envelope's message id.</summary>
    private static readonly SourcePosition ManualPosition = new("manual", 0, 0);

    private GrainEnvelope Manual(string requestId, GrainMessage message, DateTimeOffset at) => new()
    {
        MessageId = $"manual/{requestId}",
        GrainKey = logic.Id,
        OccurredAt = at,
        Message = message,
        TraceParent = TraceContext.Of(Activity.Current),
    };

    /// <summary>Applies one message in a "camera turn" span, which the caller ends (after persisting, for a request).</summary>
    private Activity? Apply(GrainEnvelope envelope, SourcePosition position, string what)
    {
        var activity = GrainTelemetry.Source.StartActivity("camera turn", ActivityKind.Consumer, TraceContext.Parse(envelope.TraceParent));
        activity?.SetTag("camera.id", logic.CameraId.Value);
        activity?.SetTag("camera.cause", what);
        var turn = GrainTurn.ForMessage(time, position);
        if (!logic.Handle(envelope, turn))
        {
            LogWrongMessage(envelope.Message.GetType().Name, logic.CameraId.Value);
        }

        Collect(turn, TraceContext.Of(activity) ?? envelope.TraceParent);
        return activity;
    }

    private void Collect(GrainTurn turn, string? traceParent)
    {
        foreach (var effect in turn.Effects)
        {
            if (effect is PublishCommand)
            {
                telemetry.Commands.Add(1);
            }

            state.State.Effects.Add(effect, traceParent);
        }
    }

    private Task OnTimerAsync(GrainTurn turn) => GuardAsync(async () =>
    {
        logic.OnTimer(turn);
        Collect(turn, null);
        await PersistAsync();
    });

    // The reminder is registered while there is a due time (the camera is online or a session is open) and removed
    // when there is none; it is part of the state written next, so a crash in between leaves at most a spare reminder.
    private async Task PersistAsync()
    {
        var due = logic.NextTimerDue;
        if (due is not null && !state.State.ReminderRegistered)
        {
            await this.RegisterOrUpdateReminder(LivenessReminder, GrainTimerSlot.Until(due.Value, time), options.LivenessReminderPeriod);
            state.State.ReminderRegistered = true;
        }
        else if (due is null && state.State.ReminderRegistered && await this.GetReminder(LivenessReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            state.State.ReminderRegistered = false;
        }

        // Within a traced turn (a record request) the write is a span of its own: where a command's latency goes.
        using (Activity.Current is null ? null : GrainTelemetry.Source.StartActivity("state write"))
        {
            await state.WriteStateAsync();
        }

        timer.Arm();
    }


    private Task GuardAsync(Func<Task> turn) => this.RunTurnAsync(turn, e => LogTurnFailed(e, this.GetPrimaryKeyString()));

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Camera {CameraId}: a turn failed; the grain starts again from its stored state")]
    private partial void LogTurnFailed(Exception error, string cameraId);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Camera {CameraId}: its stream reported an error")]
    private partial void LogStreamError(Exception error, string cameraId);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "A {MessageType} is not for camera {CameraId}; ignored")]
    private partial void LogWrongMessage(string messageType, string cameraId);
}
