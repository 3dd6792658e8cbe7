using System.Globalization;
using Platform.Grains.Effects;
using Platform.Grains.Geometry;
using Platform.Grains.Interfaces.Alerts;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Rules;
using Platform.Grains.Turns;

namespace Platform.Grains.Sensors;

/// <summary>
/// What the sensor grain does, without Orleans, Kafka or SQL: tracks objects by tracking id, zone entries and exits, per-minute
/// counts, and evaluates the sensor's rules. Everything is evaluated in event time (the detections'
/// timestamps), so replaying the same messages gives the same effects; processing time is used only to
/// notice that a sensor has fallen silent (<see cref="NextTimerDue"/>).
/// </summary>
public sealed class SensorLogic
{
    private const string DefaultAlertTemplate = "{rule}: {class} on {sensor}";

    private readonly SensorGrainOptions options;
    private CompiledSensorConfig config;

    public SensorLogic(SensorConfig config, SensorState state, SensorGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);

        this.options = options;
        this.config = new CompiledSensorConfig(config);
        SensorId = config.SensorId;
        Id = GrainKey.ForSensor(config.SensorId);
        State = state;
    }

    public GrainKey Id { get; }

    public SensorId SensorId { get; }

    /// <summary>The state to persist after each turn (mutated in place).</summary>
    public SensorState State { get; }

    /// <summary>
    /// When the host should call <see cref="OnTimer"/> (processing time), or null: objects are tracked and the
    /// sensor has been silent for a whole object timeout, so every tracked object has left.
    /// </summary>
    public DateTimeOffset? NextTimerDue =>
        State.LastDetectionAt is { } last && (State.Objects is { Count: > 0 } || State.Buckets is { Count: > 0 })
            ? last + options.ObjectTimeout
            : null;

    /// <summary>Applies a reloaded configuration (after a config-changed message): visits of removed zones and memory of removed rules are dropped.</summary>
    public void Configure(SensorConfig newConfig)
    {
        ArgumentNullException.ThrowIfNull(newConfig);
        config = new CompiledSensorConfig(newConfig);

        if (State.Objects is { } objects)
        {
            foreach (var tracked in objects.Values)
            {
                tracked.Zones?.RemoveAll(v => !config.Zones.Any(z => z.Id == v.ZoneId));
            }
        }

        if (State.Rules is { } memories)
        {
            foreach (var ruleId in memories.Keys.Where(id => !config.Rules.Any(r => r.Id == id)).ToList())
            {
                memories.Remove(ruleId);
            }
        }

        Trim();
    }

    /// <summary>
    /// Applies one message. Returns false when the message is not for a sensor grain (the host logs and counts
    /// it). A configuration change is not a message: the grain reloads it and calls <see cref="Configure"/>,
    /// because loading it is I/O.
    /// </summary>
    public bool Handle(GrainEnvelope envelope, GrainTurn turn)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(turn);

        switch (envelope.Message)
        {
            case DetectionReceived detection:
                ApplyDetection(envelope, detection, turn);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The sensor fell silent: every tracked object has left (exits counted at its last sighting) and the minute counters are final.</summary>
    public void OnTimer(GrainTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (NextTimerDue is not { } due || turn.Now < due)
        {
            return; // early or stale timer: the host re-arms from NextTimerDue
        }

        var dirty = new List<TrafficBucket>();
        ExpireObjects(_ => true, dirty);
        EmitCounts(dirty, turn);

        // Everyone has left, so every occupancy episode is over.
        foreach (var memory in State.Rules?.Values ?? Enumerable.Empty<RuleMemory>())
        {
            memory.OccupiedSince = null;
            memory.OccupancyFired = false;
        }

        // No object is left to change them; a later detection starts new minutes.
        State.Buckets = null;
        Trim();
    }

    private void ApplyDetection(GrainEnvelope envelope, DetectionReceived detection, GrainTurn turn)
    {
        var at = detection.Timestamp;
        State.Watermark = State.Watermark is { } watermark && watermark > at ? watermark : at;
        State.LastDetectionAt = turn.Now;

        var dirty = new List<TrafficBucket>();
        ExpireObjects(tracked => at - tracked.LastSeen >= options.ObjectTimeout, dirty);

        var frame = new Frame(detection);
        foreach (var detected in detection.Objects ?? [])
        {
            Track(detected, at, frame, dirty);
        }

        foreach (var rule in config.Rules)
        {
            Evaluate(rule, frame, envelope, turn);
        }

        EmitCounts(dirty, turn);
        CloseBuckets(State.Watermark.Value);
        Trim();
    }

    private void Track(DetectedObject detected, DateTimeOffset at, Frame frame, List<TrafficBucket> dirty)
    {
        var objects = State.Objects ??= new Dictionary<string, TrackedObject>(StringComparer.Ordinal);
        var point = PlanarGeometry.BottomCentre(detected.Left, detected.Right, detected.Bottom);
        PixelPoint? previous = null;
        if (objects.TryGetValue(detected.TrackingId, out var tracked))
        {
            previous = PlanarGeometry.BottomCentre(tracked.Left, tracked.Right, tracked.Bottom);
        }
        else
        {
            tracked = new TrackedObject { FirstSeen = at, LastSeen = at };
            objects.Add(detected.TrackingId, tracked);
        }

        tracked.Label = detected.Label;
        tracked.Left = detected.Left;
        tracked.Top = detected.Top;
        tracked.Right = detected.Right;
        tracked.Bottom = detected.Bottom;
        if (at > tracked.LastSeen)
        {
            tracked.LastSeen = at;
        }

        var observation = new Observation(detected.TrackingId, detected, tracked);
        frame.Observed.Add(observation);

        foreach (var zone in config.Zones)
        {
            var inside = PlanarGeometry.IsInside(point, zone.Polygon);
            var visit = FindVisit(tracked, zone.Id);
            if (inside && visit is null)
            {
                (tracked.Zones ??= new List<ZoneVisit>(1)).Add(new ZoneVisit { ZoneId = zone.Id, EnteredAt = at });
                var present = Present(zone.Id, tracked.Label);
                var bucket = Bucket(zone.Id, tracked.Label, at, present - 1, dirty);
                bucket.Entries++;
                bucket.MaxPresent = Math.Max(bucket.MaxPresent, present);
                frame.Entries.Add(new ZoneEntry(observation, zone.Id));
            }
            else if (!inside && visit is not null)
            {
                CountExit(zone.Id, tracked.Label, at, dirty);
                tracked.Zones!.Remove(visit);
            }
        }

        if (previous is { } from && from != point)
        {
            foreach (var line in config.Lines)
            {
                if (PlanarGeometry.Crossing(from, point, line.A, line.B) is { } direction)
                {
                    frame.Crossings.Add(new LineCross(observation, line.Id, direction));
                    var bucket = Bucket(line.Id, tracked.Label, at, 0, dirty, isLine: true);
                    if (direction == CrossingDirection.AToB)
                    {
                        bucket.Entries++;
                    }
                    else
                    {
                        bucket.Exits++;
                    }
                }
            }
        }
    }

    private void Evaluate(CompiledRule rule, Frame frame, GrainEnvelope envelope, GrainTurn turn)
    {
        var at = frame.Detection.Timestamp;
        var firing = Match(rule, frame, at);
        if (firing is null || !rule.IsScheduled(at))
        {
            return;
        }

        if (rule.Rule.Cooldown > TimeSpan.Zero
            && State.Rules?.GetValueOrDefault(rule.Id)?.LastFiredAt is { } last
            && at - last < rule.Rule.Cooldown)
        {
            return;
        }

        Fire(rule, firing, at, envelope, turn);
    }

    private Firing? Match(CompiledRule rule, Frame frame, DateTimeOffset at)
    {
        switch (rule.Condition)
        {
            case ObjectInZoneCondition { Trigger: ZoneTrigger.OnEnter } c:
                return Firing.Of(frame.Entries.Where(e => e.ZoneId == c.ZoneId && Passes(rule, e.Observation)).Select(e => e.Observation), c.ZoneId, null);

            case ObjectInZoneCondition c:
                return Firing.Of(frame.Observed.Where(o => FindVisit(o.Tracked, c.ZoneId) is not null && Passes(rule, o)), c.ZoneId, null);

            case LineCrossingCondition c:
                return Firing.Of(
                    frame.Crossings.Where(x => x.LineId == c.LineId && (c.Direction == CrossingDirection.Either || x.Direction == c.Direction) && Passes(rule, x.Observation))
                        .Select(x => x.Observation),
                    null,
                    c.LineId);

            case CountInZoneCondition c:
                var entered = frame.Entries.Where(e => e.ZoneId == c.ZoneId && Passes(rule, e.Observation)).Select(e => e.Observation).ToList();
                if (entered.Count == 0 || c.Threshold < 1)
                {
                    return null;
                }

                var memory = Memory(rule.Id);
                var times = memory.Entries ??= [];
                times.AddRange(Enumerable.Repeat(at, entered.Count));
                times.RemoveAll(time => at - time >= c.Window);
                if (times.Count > c.Threshold)
                {
                    times.RemoveRange(0, times.Count - c.Threshold);
                }

                return times.Count >= c.Threshold ? Firing.Of(entered, c.ZoneId, null, times.Count) : null;

            case OccupancyAtLeastCondition c:
                return MatchOccupancy(rule, c, frame, at);

            case DwellCondition c:
                return Firing.Of(
                    frame.Observed.Where(o => FindVisit(o.Tracked, c.ZoneId) is { } visit
                        && at - visit.EnteredAt >= c.MinimumDwell
                        && visit.DwellFired?.Contains(rule.Id) != true
                        && Passes(rule, o)),
                    c.ZoneId,
                    null);

            case AnalyticsEventCondition c:
                return frame.Detection.Analytics is { } analytics && Matches(c, analytics, rule)
                    ? new Firing([], null, null, 1, analytics)
                    : null;

            case EventTypeCondition c:
                if (frame.Detection.EventType is not { } eventType || !(c.EventTypes ?? []).Contains(eventType, StringComparer.OrdinalIgnoreCase))
                {
                    return null;
                }

                // An object-less event (such as "empty") may fire; if objects came, one must pass the confidence bar.
                var passing = frame.Observed.Where(o => Passes(rule, o)).ToList();
                return frame.Observed.Count > 0 && passing.Count == 0 ? null : new Firing(passing, null, null, passing.Count);

            default:
                return null;
        }
    }

    /// <summary>
    /// Tracks the episode in which at least the minimum is present. Objects count while tracked in the zone, seen in
    /// this frame or not (they leave after the object timeout), so that a missed detection does not end an episode.
    /// </summary>
    private Firing? MatchOccupancy(CompiledRule rule, OccupancyAtLeastCondition c, Frame frame, DateTimeOffset at)
    {
        var present = State.Objects?
            .Where(o => FindVisit(o.Value, c.ZoneId) is not null && (rule.Classes is null || rule.Classes.Contains(o.Value.Label)))
            .Select(o => o.Key)
            .ToHashSet(StringComparer.Ordinal) ?? [];
        var memory = Memory(rule.Id);
        if (c.Minimum < 1 || present.Count < c.Minimum)
        {
            memory.OccupiedSince = null;
            memory.OccupancyFired = false;
            return null;
        }

        memory.OccupiedSince ??= at;
        if (memory.OccupancyFired || at - memory.OccupiedSince.Value < c.MinimumDuration)
        {
            return null;
        }

        // The objects that are there, as observed in this frame where they were; the count is everyone present.
        var observed = frame.Observed.Where(o => present.Contains(o.Id)).ToList();
        return new Firing(observed, c.ZoneId, null, present.Count);
    }

    private void Fire(CompiledRule rule, Firing firing, DateTimeOffset at, GrainEnvelope envelope, GrainTurn turn)
    {
        var fired = Memory(rule.Id);
        fired.LastFiredAt = at;
        if (rule.Condition is OccupancyAtLeastCondition)
        {
            fired.OccupancyFired = true;
        }

        if (rule.Condition is DwellCondition dwell)
        {
            foreach (var observation in firing.Objects)
            {
                var visit = FindVisit(observation.Tracked, dwell.ZoneId)!;
                (visit.DwellFired ??= new List<string>(1)).Add(rule.Id);
            }
        }

        var actions = rule.Rule.Actions ?? [];
        // Where it happened (the sensor's camera) and where it is recorded (the record actions' cameras) differ
        // when a rule records another camera: the alert names both.
        var sourceCamera = config.Config.CameraId;
        var recordCameras = actions.OfType<RecordAction>().Select(a => a.CameraId ?? sourceCamera)
            .OfType<CameraId>().Distinct().ToList();
        // An analytics event names its object itself: nothing this grain tracks moved.
        List<string> objectIds = firing.Event is { ObjectId: { } eventObject }
            ? [eventObject]
            : [.. firing.Objects.Select(o => o.Id).Distinct(StringComparer.Ordinal)];
        var firstClass = firing.Objects.Count > 0 ? firing.Objects[0].Tracked.Label : firing.Event?.Class;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlertPlaceholders.Rule] = rule.Rule.Name,
            [AlertPlaceholders.Sensor] = SensorId.Value,
            [AlertPlaceholders.Camera] = sourceCamera?.Value ?? (recordCameras.Count > 0 ? recordCameras[0].Value : ""),
            [AlertPlaceholders.Zone] = config.ZoneName(firing.ZoneId),
            [AlertPlaceholders.Line] = config.LineName(firing.LineId),
            [AlertPlaceholders.Class] = firstClass ?? "",
            [AlertPlaceholders.Count] = firing.Count.ToString(CultureInfo.InvariantCulture),
            [AlertPlaceholders.ObjectId] = string.Join(",", objectIds),
            [AlertPlaceholders.Time] = UtcMillisecondsJsonConverter.ToWire(at),
            [AlertPlaceholders.Event] = firing.Event is { } e ? $"{e.Kind} {e.EventId} {e.Direction}" : "",
        };

        // Every alert of this firing differs only in id, severity and message.
        var prototype = new AlertRaised
        {
            AlertId = default,
            RuleId = rule.Rule.Id,
            RuleName = rule.Rule.Name,
            Severity = AlertSeverity.Info,
            Message = "",
            SensorId = SensorId,
            CameraId = sourceCamera,
            RecordCameraIds = recordCameras,
            ZoneId = firing.ZoneId,
            LineId = firing.LineId,
            ObjectIds = objectIds,
            Class = firstClass,
            OccurredAt = at,
            TriggerMessageId = envelope.MessageId,
        };

        var alerted = false;
        for (var i = 0; i < actions.Count; i++)
        {
            var purpose = string.Create(CultureInfo.InvariantCulture, $"{rule.Id}|{i}");
            switch (actions[i])
            {
                case AlertAction alert:
                    var template = string.IsNullOrWhiteSpace(alert.MessageTemplate) ? DefaultAlertTemplate : alert.MessageTemplate;
                    EmitAlert(turn, prototype, purpose, alert.Severity, AlertTemplate.Render(template, values));
                    alerted = true;
                    break;
                case RecordAction record when (record.CameraId ?? config.Config.CameraId) is { } camera:
                    var messageId = turn.NewId("msg", Id, purpose);
                    turn.Emit(new SendToGrain
                    {
                        EffectId = messageId,
                        Envelope = new GrainEnvelope
                        {
                            MessageId = messageId,
                            GrainKey = GrainKey.ForCamera(camera),
                            OccurredAt = at,
                            Message = new RecordRequested
                            {
                                CameraId = camera,
                                TriggeredAt = at,
                                PreRoll = record.PreRoll,
                                PostRoll = record.PostRoll,
                                MaxSession = record.MaxSession,
                                Container = record.Container,
                                RuleId = rule.Rule.Id,
                                SensorId = SensorId,
                                TriggerMessageId = envelope.MessageId,
                                Reason = AlertTemplate.Render(DefaultAlertTemplate, values),
                            },
                        },
                    });
                    break;
            }
        }

        if (!alerted)
        {
            // Every firing is an alert, so that it is visible even for a rule that only records.
            EmitAlert(turn, prototype, rule.Id + "|default", AlertSeverity.Info, AlertTemplate.Render(DefaultAlertTemplate, values));
        }
    }

    private void EmitAlert(GrainTurn turn, AlertRaised prototype, string purpose, AlertSeverity severity, string message)
    {
        var alertId = turn.NewId("alr", Id, purpose);
        turn.Emit(new PublishAlert
        {
            EffectId = alertId,
            Alert = prototype with { AlertId = AlertId.From(alertId), Severity = severity, Message = message },
        });
    }

    private static bool Matches(AnalyticsEventCondition condition, AnalyticsEvent analytics, CompiledRule rule) =>
        string.Equals(condition.Kind, analytics.Kind, StringComparison.OrdinalIgnoreCase)
        && (condition.EventIds is not { Count: > 0 } ids || ids.Contains(analytics.EventId, StringComparer.Ordinal))
        && (condition.Directions is not { Count: > 0 } directions || directions.Contains(analytics.Direction, StringComparer.OrdinalIgnoreCase))
        && (rule.Classes is null || (analytics.Class is { } label && rule.Classes.Contains(label)));

    private static bool Passes(CompiledRule rule, Observation observation) =>
        (rule.Classes is null || rule.Classes.Contains(observation.Tracked.Label))
        && (rule.Rule.MinConfidence is not { } minimum || observation.Detected.Confidence is not { } confidence || confidence >= minimum);

    private void ExpireObjects(Func<TrackedObject, bool> hasLeft, List<TrafficBucket> dirty)
    {
        if (State.Objects is not { Count: > 0 } objects)
        {
            return;
        }

        foreach (var (id, tracked) in objects.Where(pair => hasLeft(pair.Value)).ToList())
        {
            // Counted at the last sighting: that is when the object was last known to be there.
            while (tracked.Zones is { Count: > 0 } zones)
            {
                CountExit(zones[^1].ZoneId, tracked.Label, tracked.LastSeen, dirty);
                zones.RemoveAt(zones.Count - 1);
            }

            objects.Remove(id);
        }
    }

    private void CountExit(string zoneId, string label, DateTimeOffset at, List<TrafficBucket> dirty)
    {
        var bucket = Bucket(zoneId, label, at, Present(zoneId, label), dirty);
        bucket.Exits++;
    }

    private int Present(string zoneId, string label)
    {
        var count = 0;
        foreach (var tracked in State.Objects?.Values ?? Enumerable.Empty<TrackedObject>())
        {
            if (string.Equals(tracked.Label, label, StringComparison.Ordinal) && FindVisit(tracked, zoneId) is not null)
            {
                count++;
            }
        }

        return count;
    }

    private TrafficBucket Bucket(string zoneId, string label, DateTimeOffset at, int presentBefore, List<TrafficBucket> dirty, bool isLine = false)
    {
        var minute = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var buckets = State.Buckets ??= [];
        var bucket = buckets.Find(b => b.Minute == minute && b.ZoneId == zoneId && string.Equals(b.Class, label, StringComparison.Ordinal));
        if (bucket is null)
        {
            // Whoever was present when the minute began counts towards its maximum.
            bucket = new TrafficBucket { ZoneId = zoneId, IsLine = isLine, Class = label, Minute = minute, MaxPresent = Math.Max(0, presentBefore) };
            buckets.Add(bucket);
        }

        if (!dirty.Contains(bucket))
        {
            dirty.Add(bucket);
        }

        return bucket;
    }

    private void EmitCounts(List<TrafficBucket> dirty, GrainTurn turn)
    {
        foreach (var bucket in dirty)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{bucket.ZoneId}|{bucket.Class}|{bucket.Minute.UtcTicks}");
            turn.Emit(new UpsertTrafficCount
            {
                EffectId = turn.NewId("cnt", Id, key),
                SensorId = SensorId,
                ZoneId = bucket.ZoneId,
                IsLine = bucket.IsLine,
                Class = bucket.Class,
                Minute = bucket.Minute,
                Entries = bucket.Entries,
                Exits = bucket.Exits,
                MaxPresent = bucket.MaxPresent,
            });
        }
    }

    private void CloseBuckets(DateTimeOffset watermark)
    {
        var keepOpen = TimeSpan.FromMinutes(1) + options.ObjectTimeout + options.CountLateness;
        State.Buckets?.RemoveAll(b => b.Minute + keepOpen <= watermark);
    }

    private RuleMemory Memory(string ruleId)
    {
        var memories = State.Rules ??= new Dictionary<string, RuleMemory>(StringComparer.Ordinal);
        if (!memories.TryGetValue(ruleId, out var memory))
        {
            memory = new RuleMemory();
            memories.Add(ruleId, memory);
        }

        return memory;
    }

    /// <summary>Drops what no longer matters and empty collections, so that an idle sensor's state stays a few bytes.</summary>
    private void Trim()
    {
        if (State.Objects is { } objects)
        {
            foreach (var tracked in objects.Values)
            {
                if (tracked.Zones is { Count: 0 })
                {
                    tracked.Zones = null;
                }
            }

            if (objects.Count == 0)
            {
                State.Objects = null;
            }
        }

        if (State.Rules is { } memories && State.Watermark is { } now)
        {
            foreach (var rule in config.Rules)
            {
                if (!memories.TryGetValue(rule.Id, out var memory))
                {
                    continue;
                }

                if (memory.LastFiredAt is { } last && now - last >= rule.Rule.Cooldown)
                {
                    memory.LastFiredAt = null;
                }

                if (rule.Condition is CountInZoneCondition count && memory.Entries is { } entries)
                {
                    entries.RemoveAll(time => now - time >= count.Window);
                    if (entries.Count == 0)
                    {
                        memory.Entries = null;
                    }
                }

                if (memory is { LastFiredAt: null, Entries: null, OccupiedSince: null })
                {
                    memories.Remove(rule.Id);
                }
            }

            if (memories.Count == 0)
            {
                State.Rules = null;
            }
        }

        if (State.Buckets is { Count: 0 })
        {
            State.Buckets = null;
        }
    }

    private static ZoneVisit? FindVisit(TrackedObject tracked, string zoneId)
    {
        if (tracked.Zones is { } zones)
        {
            foreach (var visit in zones)
            {
                if (visit.ZoneId == zoneId)
                {
                    return visit;
                }
            }
        }

        return null;
    }

    /// <summary>What one detection message changed: the objects seen, the zones they entered and the lines they crossed.</summary>
    private sealed class Frame(DetectionReceived detection)
    {
        public DetectionReceived Detection { get; } = detection;

        public List<Observation> Observed { get; } = [];

        public List<ZoneEntry> Entries { get; } = [];

        public List<LineCross> Crossings { get; } = [];
    }

    private sealed record Observation(string Id, DetectedObject Detected, TrackedObject Tracked);

    private sealed record ZoneEntry(Observation Observation, string ZoneId);

    private sealed record LineCross(Observation Observation, string LineId, CrossingDirection Direction);

    private sealed record Firing(IReadOnlyList<Observation> Objects, string? ZoneId, string? LineId, int Count, AnalyticsEvent? Event = null)
    {
        public static Firing? Of(IEnumerable<Observation> objects, string? zoneId, string? lineId, int? count = null)
        {
            var list = objects.ToList();
            return list.Count == 0 ? null : new Firing(list, zoneId, lineId, count ?? list.Count);
        }
    }
}
