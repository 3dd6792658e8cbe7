using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Platform.Grains.Cameras;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Json;
using Platform.Grains.Sensors;
using Platform.Grains.Turns;
using Platform.Messaging;
using Platform.Silo.Storage;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Hosting;

/// <summary>
/// Owns one partition number of the co-partitioned grain topics while this silo is assigned it: a single loop
/// applies its messages in order to grain activations (so a grain never runs two turns at once), commits each
/// batch's states, effects and offsets in one PostgreSQL transaction (shared with the silo's other partitions by
/// <see cref="GroupCommit"/>), then sends the batch's Kafka messages (outbox). Timers fire in the same loop.
/// </summary>
internal sealed partial class PartitionWorker
{
    // How soon an idle partition looks again for acknowledged outbox messages whose rows it can delete.
    private static readonly TimeSpan OutboxAckPoll = TimeSpan.FromMilliseconds(20);

    private readonly GrainHostContext context;
    private readonly ILogger logger;
    private readonly PartitionCheckpoint checkpoint;
    private readonly Channel<ConsumeResult<string, byte[]>> inbox =
        Channel.CreateBounded<ConsumeResult<string, byte[]>>(new BoundedChannelOptions(20_000) { SingleReader = true, SingleWriter = true });
    private readonly Dictionary<string, LinkedListNode<IGrainActivation>> activations = new(StringComparer.Ordinal);
    private readonly LinkedList<IGrainActivation> recentlyUsed = new();
    private readonly PriorityQueue<string, DateTimeOffset> timers = new();
    private readonly Dictionary<string, DateTimeOffset> armed = new(StringComparer.Ordinal);
    private readonly int maxActivations;

    // Grains changed in the open batch: serialized once at commit, however many turns they ran.
    private readonly HashSet<IGrainActivation> dirty = [];

    // Outbox messages are sent after their commit without waiting for the broker: the loop goes on with the next
    // batch, and the rows of delivered messages are deleted in a later commit (or at stop). Until then a new owner
    // would send them again, with the same ids, which every consumer already tolerates.
    private readonly ConcurrentQueue<string> delivered = new();
    private readonly List<Task> sending = [];
    private Task loop = Task.CompletedTask;

    private PartitionWorker(int partition, GrainHostContext context, PartitionCheckpoint checkpoint)
    {
        Partition = partition;
        this.context = context;
        this.checkpoint = checkpoint;
        logger = context.Logger;
        maxActivations = Math.Max(100, context.Options.MaxActivations / Math.Max(1, context.PartitionCount));
    }

    public int Partition { get; }

    /// <summary>Where consumption of <paramref name="topic"/> resumes: the stored next offset, or the beginning.</summary>
    public Offset ResumeAt(string topic) => checkpoint.NextOffsets.TryGetValue(topic, out var next) ? new Offset(next) : Offset.Beginning;

    public int ActivationCount => activations.Count;

    /// <summary>Loads the partition's checkpoint and armed timers, sends what a previous owner left in the outbox, and starts the loop.</summary>
    public static async Task<PartitionWorker> StartAsync(int partition, GrainHostContext context, CancellationToken cancellationToken)
    {
        var logger = context.Logger;
        var worker = new PartitionWorker(partition, context,
            await DatabaseRetry.RunAsync(() => context.Store.LoadCheckpointAsync(partition, cancellationToken), logger, "checkpoint", cancellationToken));
        worker.SendOutbox(
            await DatabaseRetry.RunAsync(() => context.Store.LoadOutboxAsync(partition, cancellationToken), logger, "outbox", cancellationToken));
        var timers = await DatabaseRetry.RunAsync(() => context.Store.LoadTimersAsync(partition, cancellationToken), logger, "timers", cancellationToken);
        foreach (var (grainId, due) in timers)
        {
            worker.Arm(grainId, due);
        }

        worker.loop = Task.Run(() => worker.RunGuardedAsync());
        return worker;
    }

    /// <summary>Called from the consumer thread; waits when the loop is far behind (back-pressure).</summary>
    public void Enqueue(ConsumeResult<string, byte[]> record)
    {
        if (!inbox.Writer.TryWrite(record))
        {
            inbox.Writer.WriteAsync(record).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Applies and commits what was enqueued, then stops.</summary>
    public async Task StopAsync()
    {
        inbox.Writer.TryComplete();
        await loop;
        await Task.WhenAll(sending);
        await DatabaseRetry.RunAsync(() => context.Store.DeleteOutboxAsync(DrainDelivered(), CancellationToken.None), logger, "outbox cleanup");
    }

    // A bug in a turn must not leave the partition silently stalled while the consumer keeps feeding it.
    private async Task RunGuardedAsync()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception e)
        {
            LogFatal(Partition, e);
            context.OnFatal(e);
        }
    }

    private async Task RunAsync()
    {
        var pending = new List<ConsumeResult<string, byte[]>>(context.Options.BatchMaxMessages);
        while (await WaitForWorkAsync())
        {
            // Natural batching: take what has arrived, no timer. While this batch commits, more arrive, so a busy
            // partition's batches grow by themselves and a quiet one commits each message right away.
            var batch = new GrainBatch(Partition);
            pending.Clear();
            while (pending.Count < context.Options.BatchMaxMessages && inbox.Reader.TryRead(out var record))
            {
                pending.Add(record);
            }

            await ApplyAsync(pending, batch);
            await FireDueTimersAsync(batch);
            if (!batch.IsEmpty || dirty.Count > 0)
            {
                await CommitAsync(batch);
            }

            EvictIdle();
        }

        LogStopped(Partition, activations.Count);
    }

    private async Task ApplyAsync(List<ConsumeResult<string, byte[]>> records, GrainBatch batch)
    {
        var envelopes = new List<(ConsumeResult<string, byte[]> Record, GrainEnvelope? Envelope)>(records.Count);
        foreach (var record in records)
        {
            envelopes.Add((record, record.Topic == context.Topics.DeepStreamTopic ? ReadDevice(record, batch) : Read(record)));
        }

        await ActivateAsync(envelopes.Where(e => e.Envelope is not null).Select(e => e.Envelope!.GrainKey));
        foreach (var (record, envelope) in envelopes)
        {
            checkpoint.NextOffsets[record.Topic] = record.Offset.Value + 1;
            batch.Messages++;
            if (envelope is null || IsDuplicate(envelope))
            {
                continue;
            }

            var parent = TraceContextHeaders.Extract(record.Message.Headers);
            using var activity = SiloTelemetry.Source.StartActivity($"grain turn {envelope.GrainKey.Kind}", ActivityKind.Consumer, parent);
            activity?.SetTag("grain.id", envelope.GrainKey.Value);
            // Effect ids derive from the envelope's own id (ingress derives it from the device record's position, a grain
            // from its turn), not from where the envelope landed: a record ingress re-produced after a crash, a control
            // message the outbox re-sent, and control messages from several partitions in another interleaving all
            // keep the ids an uninterrupted run gives them.
            var position = new SourcePosition(envelope.MessageId, Partition, 0);
            await ApplyTurnAsync(envelope, position, batch, TraceContextHeaders.Inject(activity, [], parent));
        }
    }

    // A turn, and the turns of same-partition grains it sends messages to (delivered directly, in order).
    private async Task ApplyTurnAsync(GrainEnvelope envelope, SourcePosition position, GrainBatch batch, Headers trace)
    {
        var deliveries = new Queue<GrainEnvelope>([envelope]);
        while (deliveries.TryDequeue(out var next))
        {
            var activation = await GetAsync(next.GrainKey);
            if (next.Message is ConfigChanged)
            {
                await ReconfigureAsync(activation);
            }

            var turn = new GrainTurn(context.Time.GetUtcNow(), position);
            if (!activation.Handle(next, turn))
            {
                LogWrongKind(next.Message.GetType().Name, next.GrainKey.Value);
            }

            context.Telemetry.GrainMessages.Add(1, new KeyValuePair<string, object?>("kind", next.GrainKey.Kind.ToString()));
            Collect(activation, turn, batch, trace, deliveries);
        }
    }

    // At most a batch's worth of due timers per round, their grains loaded in one query: a mass of timers falling due
    // together (objects leaving many sensors at once) neither holds messages back nor costs a round trip per grain.
    private async Task FireDueTimersAsync(GrainBatch batch)
    {
        var now = context.Time.GetUtcNow();
        var due = new List<(string GrainKey, DateTimeOffset At)>();
        while (due.Count < context.Options.BatchMaxMessages && timers.TryPeek(out var grainId, out var at) && at <= now)
        {
            timers.Dequeue();
            if (armed.TryGetValue(grainId, out var current) && current == at)
            {
                armed.Remove(grainId);
                due.Add((grainId, at));
            }

            // Otherwise re-armed since: a newer entry is queued.
        }

        await ActivateAsync(due.Select(d => GrainKey.From(d.GrainKey)));
        foreach (var (grainId, at) in due)
        {
            var activation = await GetAsync(GrainKey.From(grainId));
            var turn = GrainTurn.ForTimer(context.Time, Partition, at);
            activation.OnTimer(turn);
            var deliveries = new Queue<GrainEnvelope>();
            Collect(activation, turn, batch, [], deliveries);
            while (deliveries.TryDequeue(out var envelope))
            {
                await ApplyTurnAsync(envelope, turn.Source, batch, []);
            }
        }
    }

    private void Collect(IGrainActivation activation, GrainTurn turn, GrainBatch batch, Headers trace, Queue<GrainEnvelope> deliveries)
    {
        dirty.Add(activation);
        Arm(activation.Id.Value, activation.NextTimerDue);
        var traceParent = TraceContextHeaders.TraceParentOf(trace);
        foreach (var effect in turn.Effects)
        {
            switch (effect)
            {
                case SendToGrain send when GrainPartitioner.PartitionFor(send.Envelope.GrainKey.PartitionKey, context.PartitionCount) == Partition:
                    deliveries.Enqueue(send.Envelope);
                    break;
                case SendToGrain send:
                    batch.Outbox.Add(new OutboxMessage(send.EffectId, Partition, context.Topics.ControlTopic, send.Envelope.GrainKey.PartitionKey,
                        JsonSerializer.SerializeToUtf8Bytes(send.Envelope, GrainJsonContext.Default.GrainEnvelope), traceParent));
                    break;
                case PublishCommand command:
                    batch.Effects.Add(command);
                    batch.Outbox.Add(new OutboxMessage(command.EffectId, Partition, context.Topics.CommandsTopic, command.CameraId.Value,
                        JsonSerializer.SerializeToUtf8Bytes(command.Command, EdgeJsonContext.Default.SmartRecordCommand), traceParent));
                    context.Telemetry.Commands.Add(1);
                    break;
                case PublishAlert alert:
                    batch.Effects.Add(alert);
                    batch.Outbox.Add(new OutboxMessage(alert.EffectId, Partition, context.Topics.AlertsTopic,
                        alert.Alert.CameraId?.Value ?? alert.Alert.SensorId.Value,
                        JsonSerializer.SerializeToUtf8Bytes(alert.Alert, GrainJsonContext.Default.AlertRaised), traceParent));
                    context.Telemetry.RuleFirings.Add(1, new KeyValuePair<string, object?>("rule", alert.Alert.RuleId.Value));
                    break;
                case InsertClip clip:
                    batch.Effects.Add(clip);
                    if (traceParent is not null)
                    {
                        batch.TracedClips.Add((clip.Clip.ClipId.Value, traceParent));
                    }

                    break;
                default:
                    batch.Effects.Add(effect);
                    break;
            }
        }
    }

    private async Task CommitAsync(GrainBatch batch)
    {
        var clock = Stopwatch.StartNew();
        foreach (var activation in dirty)
        {
            batch.States[activation.Id.Value] = (activation.SerializeState(), activation.NextTimerDue);
        }

        dirty.Clear();
        batch.DeliveredOutbox.AddRange(DrainDelivered());
        await Task.WhenAll(batch.DeadLetters); // the source offsets move past a refused record only once its dead letter is sent
        context.Faults.BeforeCommit();
        await context.Commits.CommitAsync(batch, checkpoint);
        context.Faults.AfterCommit();
        TraceCatalogInserts(batch, context.Time.GetUtcNow() - clock.Elapsed);
        context.Telemetry.BatchCommitSeconds.Record(clock.Elapsed.TotalSeconds);
        context.Telemetry.BatchSize.Record(batch.Messages);
        SendOutbox(batch.Outbox);
    }

    // The insert is part of the batch's one transaction; its span (one per clip, in the clip's trace) covers that commit.
    private static void TraceCatalogInserts(GrainBatch batch, DateTimeOffset commitStarted)
    {
        foreach (var (clipId, traceParent) in batch.TracedClips)
        {
            if (ActivityContext.TryParse(traceParent, null, out var parent))
            {
                using var activity = SiloTelemetry.Source.StartActivity("clip catalog insert", ActivityKind.Internal, parent, startTime: commitStarted);
                activity?.SetTag("clip.id", clipId);
            }
        }
    }

    // After the commit: the decisions are durable, so a crash from here on re-sends them (same ids), never loses them.
    // One producer sends them in this order, so a grain's messages keep their order in each topic partition.
    private void SendOutbox(IReadOnlyList<OutboxMessage> messages)
    {
        sending.RemoveAll(task => task.IsCompleted);
        if (messages.Count == 0)
        {
            return;
        }

        var deliveries = messages.Select(message =>
        {
            var headers = new Headers();
            if (message.TraceParent is not null)
            {
                headers.Add(TraceContextHeaders.TraceParent, Encoding.ASCII.GetBytes(message.TraceParent));
            }

            return context.Producer.Producer.ProduceAsync(message.Topic,
                new Message<string, byte[]> { Key = message.Key, Value = message.Payload, Headers = headers }, CancellationToken.None);
        }).ToArray();
        sending.Add(Task.WhenAll(deliveries).ContinueWith(sent =>
        {
            if (sent.Exception is { } failure)
            {
                // Messages never time out (they are retried until delivered): a failure here is fatal for the producer.
                LogFatal(Partition, failure);
                context.OnFatal(failure);
                return;
            }

            foreach (var message in messages)
            {
                delivered.Enqueue(message.Id);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
    }

    private List<string> DrainDelivered()
    {
        var ids = new List<string>();
        while (delivered.TryDequeue(out var id))
        {
            ids.Add(id);
        }

        return ids;
    }

    private bool IsDuplicate(GrainEnvelope envelope)
    {
        if (envelope.Source is not { } source)
        {
            return false;
        }

        if (checkpoint.SourceWatermarks.TryGetValue(source.PartitionKey, out var mark) && !source.IsAfter(mark.Offset, mark.Index))
        {
            context.Telemetry.Duplicates.Add(1);
            return true;
        }

        checkpoint.SourceWatermarks[source.PartitionKey] = (source.Offset, source.Index);
        return false;
    }

    // Direct mode: this worker is ingress for its partition of the device topic.
    private GrainEnvelope? ReadDevice(ConsumeResult<string, byte[]> record, GrainBatch batch)
    {
        context.Telemetry.IngressRecords.Add(1, new KeyValuePair<string, object?>("topic", record.Topic));
        var value = record.Message.Value ?? [];
        var output = context.Router.Route(record.Topic, Partition, record.Offset.Value, value);
        if (output.Rejection is { } rejection)
        {
            batch.DeadLetters.Add(context.DeadLetters.SendAsync(record.Topic, Partition, record.Offset.Value, record.Message.Key, value, record.Message.Headers, rejection));
            return null;
        }

        var envelope = output.Envelopes[0]; // a detection concerns one sensor
        if (GrainPartitioner.PartitionFor(envelope.GrainKey.PartitionKey, context.PartitionCount) == Partition)
        {
            return envelope;
        }

        // Keyed by something else than its sensor id: forwarded to the sensor's partition, as ingress would have.
        batch.Outbox.Add(new OutboxMessage(envelope.MessageId, Partition, context.Topics.EventsTopic, envelope.GrainKey.PartitionKey,
            JsonSerializer.SerializeToUtf8Bytes(envelope, GrainJsonContext.Default.GrainEnvelope), TraceContextHeaders.TraceParentOf(record.Message.Headers)));
        return null;
    }

    private GrainEnvelope? Read(ConsumeResult<string, byte[]> record)
    {
        try
        {
            return JsonSerializer.Deserialize(record.Message.Value, GrainJsonContext.Default.GrainEnvelope);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or FormatException)
        {
            // Only our own producers write here; a bad envelope is a bug to see, not a reason to stop the partition.
            LogBadEnvelope(record.Topic, Partition, record.Offset.Value, e.Message);
            return null;
        }
    }

    private async Task<IGrainActivation> GetAsync(GrainKey id)
    {
        if (!activations.ContainsKey(id.Value))
        {
            await ActivateAsync([id]);
        }

        var node = activations[id.Value];
        recentlyUsed.Remove(node);
        recentlyUsed.AddFirst(node);
        return node.Value;
    }

    // One round trip for all the grains of a batch that are not in memory yet.
    private async Task ActivateAsync(IEnumerable<GrainKey> ids)
    {
        var missing = ids.Where(id => !activations.ContainsKey(id.Value)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var states = (await DatabaseRetry.RunAsync(() => context.Store.LoadStatesAsync([.. missing.Select(id => id.Value)], CancellationToken.None), logger, "grain states"))
            .ToDictionary(s => s.GrainKey, s => s.State, StringComparer.Ordinal);
        var sensors = await DatabaseRetry.RunAsync(() => context.Config.LoadSensorsAsync(
            [.. missing.Where(id => id.Kind == GrainKind.Sensor).Select(id => new SensorId(id.Key))], CancellationToken.None), logger, "sensor configuration");
        var cameras = await DatabaseRetry.RunAsync(() => context.Config.LoadCamerasAsync(
            [.. missing.Where(id => id.Kind == GrainKind.Camera).Select(id => new CameraId(id.Key))], CancellationToken.None), logger, "camera configuration");
        foreach (var id in missing)
        {
            states.TryGetValue(id.Value, out var stored);
            IGrainActivation activation = id.Kind == GrainKind.Sensor
                ? new SensorActivation(new SensorLogic(sensors[new SensorId(id.Key)],
                    stored is null ? new SensorState() : JsonSerializer.Deserialize(stored, GrainStateJsonContext.Default.SensorState)!,
                    context.SensorOptions))
                : new CameraActivation(new CameraLogic(cameras[new CameraId(id.Key)],
                    stored is null ? new CameraState() : JsonSerializer.Deserialize(stored, GrainStateJsonContext.Default.CameraState)!,
                    context.CameraOptions));
            activations[id.Value] = recentlyUsed.AddFirst(activation);
            Arm(id.Value, activation.NextTimerDue);
        }
    }

    private async Task ReconfigureAsync(IGrainActivation activation)
    {
        switch (activation)
        {
            case SensorActivation sensor:
                var sensorConfig = await DatabaseRetry.RunAsync(() => context.Config.LoadSensorsAsync([sensor.Grain.SensorId], CancellationToken.None), logger, "sensor configuration");
                sensor.Grain.Configure(sensorConfig[sensor.Grain.SensorId]);
                break;
            case CameraActivation camera:
                var cameraConfig = await DatabaseRetry.RunAsync(() => context.Config.LoadCamerasAsync([camera.Grain.CameraId], CancellationToken.None), logger, "camera configuration");
                camera.Grain.Configure(cameraConfig[camera.Grain.CameraId]);
                break;
        }
    }

    private void Arm(string grainId, DateTimeOffset? due)
    {
        if (due is not { } at)
        {
            armed.Remove(grainId);
            return;
        }

        if (armed.TryGetValue(grainId, out var current) && current == at)
        {
            return;
        }

        armed[grainId] = at;
        timers.Enqueue(grainId, at);
    }

    // Runs after a commit, so every activation is clean; a timer keeps its entry and reloads the grain when due.
    private void EvictIdle()
    {
        while (activations.Count > maxActivations && recentlyUsed.Last is { } oldest)
        {
            recentlyUsed.RemoveLast();
            activations.Remove(oldest.Value.Id.Value);
        }
    }

    private async Task<bool> WaitForWorkAsync()
    {
        while (true)
        {
            if (inbox.Reader.TryPeek(out _))
            {
                return true;
            }

            // Released: what was applied is committed; due timers are stored with their grains and fire at the next owner.
            if (inbox.Reader.Completion.IsCompleted)
            {
                return false;
            }

            var untilTimer = timers.TryPeek(out _, out var due) ? due - context.Time.GetUtcNow() : TimeSpan.FromSeconds(1);
            if (untilTimer <= TimeSpan.Zero)
            {
                return true;
            }

            // Idle: no commit will carry the delivered rows' deletion, so delete them now.
            if (!delivered.IsEmpty)
            {
                var ids = DrainDelivered();
                await DatabaseRetry.RunAsync(() => context.Store.DeleteOutboxAsync(ids, CancellationToken.None), logger, "outbox cleanup");
                continue;
            }

            var wait = untilTimer < TimeSpan.FromSeconds(1) ? untilTimer : TimeSpan.FromSeconds(1);
            if (sending.Exists(task => !task.IsCompleted) && wait > OutboxAckPoll)
            {
                wait = OutboxAckPoll;
            }

            await WaitToReadAsync(wait);
        }
    }

    private async Task<bool> WaitToReadAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout, context.Time);
        try
        {
            return await inbox.Reader.WaitToReadAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 13, Level = LogLevel.Critical, Message = "Partition {Partition} stopped on an unexpected error; stopping the silo")]
    private partial void LogFatal(int partition, Exception error);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Unreadable envelope at {Topic}/{Partition}@{Offset} skipped: {Error}")]
    private partial void LogBadEnvelope(string topic, int partition, long offset, string error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "A {MessageType} is not for grain {GrainId}; ignored")]
    private partial void LogWrongKind(string messageType, string grainId);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Partition {Partition} released with {Activations} activations")]
    private partial void LogStopped(int partition, int activations);
}
