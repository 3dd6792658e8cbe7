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
using Platform.Grains.Turns;

namespace Platform.Grains.Sensors;

/// <summary>
/// One DeepStream sensor. Its detections arrive on its stream in batches (one per partition read); it applies each
/// one with <see cref="SensorLogic"/>, asks cameras to record when a rule says so (an Orleans call, awaited), and
/// stores its state once per batch together with the batch's effects (alerts, counts). Only then does the delivery
/// complete, which is what lets the stream provider move the partition's checkpoint past these records.
/// A failure leaves the in-memory state ahead of the stored one, so the grain deactivates and the redelivered
/// batch starts from what was stored; positions already applied are skipped.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Sensor)]
public sealed partial class SensorGrain(
    [PersistentState("sensor", GrainStorageNames.Grains)] IPersistentState<SensorGrainState> state,
    IGrainConfigSource configs,
    SensorGrainOptions options,
    GrainTelemetry telemetry,
    TimeProvider time,
    ILogger<SensorGrain> logger)
    : Grain, ISensorGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<GrainEnvelope>
{
    private static readonly KeyValuePair<string, object?> Kind = new("kind", "sensor");

    private GrainTimerSlot timer = null!;
    private SensorLogic logic = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var config = await configs.LoadSensorAsync(SensorId.From(this.GetPrimaryKeyString()), cancellationToken);
        logic = new SensorLogic(config, state.State.Sensor, options);
        timer = new GrainTimerSlot(this, time, () => logic.NextTimerDue, OnTimerAsync);
        timer.Arm();
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<GrainEnvelope>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<GrainEnvelope>> items)
    {
        await GuardAsync(async () =>
        {
            var applied = 0;
            foreach (var item in items)
            {
                var envelope = item.Item;
                if (envelope.Source is not { } source || !state.State.Applied.TryAdvance(source.PartitionKey, source))
                {
                    telemetry.Repeats.Add(1, Kind);
                    continue;
                }

                using var activity = GrainTelemetry.Source.StartActivity("sensor turn", ActivityKind.Consumer, TraceContext.Parse(envelope.TraceParent));
                activity?.SetTag("sensor.id", logic.SensorId.Value);
                var turn = GrainTurn.ForMessage(time, new SourcePosition(source.Topic, source.Partition, source.Offset));
                logic.Handle(envelope, turn);
                await ExecuteAsync(turn, TraceContext.Of(activity) ?? envelope.TraceParent);
                applied++;
            }

            if (applied > 0)
            {
                telemetry.Events.Add(applied, Kind);
                await PersistAsync();
            }
        });
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, logic.SensorId.Value);
        return Task.CompletedTask;
    }

    public Task ReloadConfig() => GuardAsync(async () =>
    {
        logic.Configure(await configs.LoadSensorAsync(logic.SensorId, CancellationToken.None));
        await PersistAsync();
    });

    private Task OnTimerAsync(GrainTurn turn) => GuardAsync(async () =>
    {
        logic.OnTimer(turn);
        await ExecuteAsync(turn, null);
        await PersistAsync();
    });

    // Record requests go to their cameras now, in order; everything else is stored with the next state write.
    private async Task ExecuteAsync(GrainTurn turn, string? traceParent)
    {
        var request = 0;
        foreach (var effect in turn.Effects)
        {
            switch (effect)
            {
                case SendToGrain send:
                    var camera = GrainFactory.GetGrain<ICameraGrain>(send.Envelope.GrainKey.Key);
                    await camera.RequestRecording(send.Envelope with
                    {
                        Source = new IngressPosition(turn.Source.Topic, turn.Source.Partition, turn.Source.Offset, request++),
                        TraceParent = traceParent,
                    });
                    break;
                case PublishAlert:
                    telemetry.RuleFirings.Add(1);
                    state.State.Effects.Add(effect, traceParent);
                    break;
                default:
                    state.State.Effects.Add(effect, traceParent);
                    break;
            }
        }
    }

    private async Task PersistAsync()
    {
        await state.WriteStateAsync();
        timer.Arm();
    }


    private Task GuardAsync(Func<Task> turn) => this.RunTurnAsync(turn, e => LogTurnFailed(e, this.GetPrimaryKeyString()));

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Sensor {SensorId}: a turn failed; the grain starts again from its stored state")]
    private partial void LogTurnFailed(Exception error, string sensorId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Sensor {SensorId}: its stream reported an error")]
    private partial void LogStreamError(Exception error, string sensorId);
}
