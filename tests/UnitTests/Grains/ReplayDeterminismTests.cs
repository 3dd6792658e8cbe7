using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using Platform.Grains.Cameras;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Json;
using Platform.Grains.Sensors;
using Platform.Grains.Turns;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains;

/// <summary>
/// A sensor grain and a camera grain on one partition, wired the way the host wires them: record requests are
/// delivered directly to the camera with the sending turn's source position. Replays must reproduce every
/// effect, ids included.
/// </summary>
public sealed class ReplayDeterminismTests
{
    private const int Partition = 2;

    private static readonly JsonSerializerOptions EffectJson = new() { WriteIndented = false };

    private static SensorConfig Config() => SensorWith(
        RuleWith(
            new ObjectInZoneCondition { ZoneId = "dock", Classes = ["Person"] },
            new RecordAction { PreRoll = TimeSpan.FromSeconds(5), PostRoll = TimeSpan.FromSeconds(10), MaxSession = TimeSpan.FromMinutes(1) },
            new AlertAction { Severity = AlertSeverity.Critical, MessageTemplate = "{class} {objectId} in {zone}" }) with { Cooldown = TimeSpan.FromSeconds(3) },
        RuleWith(new LineCrossingCondition { LineId = "gate", Direction = CrossingDirection.AToB }, new RecordAction()) with { Id = Platform.Grains.Interfaces.Ids.RuleId.From("rule-line") });

    /// <summary>A minute of traffic: people walking into the dock and across the gate, one message per second.</summary>
    private static List<GrainEnvelope> Traffic()
    {
        var messages = new List<GrainEnvelope>();
        for (var i = 0; i < 60; i++)
        {
            var at = T0 + TimeSpan.FromSeconds(i);
            var person = $"p{i / 10}";
            var step = i % 10;
            DetectedObject[] objects = [At(person, 40 + (step * 30), 40 + (step * 55)), At("car", 600, 600, "Car")];
            messages.Add(new GrainEnvelope
            {
                MessageId = $"ingress-{Partition}-{i}",
                GrainKey = GrainKey.ForSensor(Sensor),
                OccurredAt = at,
                Message = new DetectionReceived { SensorId = Sensor, Timestamp = at, EventType = "moving", Objects = objects },
            });
        }

        return messages;
    }

    private sealed class PartitionRun(SensorState sensorState, CameraState cameraState, TimeSpan lag)
    {
        private readonly SensorLogic sensor = new(Config(), sensorState, new SensorGrainOptions());
        private readonly CameraLogic camera = new(new CameraConfig { CameraId = Camera, Name = "Dock" }, cameraState, new CameraGrainOptions());
        private readonly FakeTimeProvider clock = new(T0 + lag);

        public SensorState SensorState => sensor.State;

        public CameraState CameraState => camera.State;

        /// <summary>Effects of the sensor and camera grains per offset, serialized with their runtime types.</summary>
        public List<string> Apply(IReadOnlyList<GrainEnvelope> messages, int fromOffset)
        {
            var effects = new List<string>();
            for (var offset = fromOffset; offset < messages.Count; offset++)
            {
                var envelope = messages[offset];
                clock.SetUtcNow(Max(clock.GetUtcNow(), envelope.OccurredAt + lag));
                var source = new SourcePosition("platform.events", Partition, offset);
                var turn = GrainTurn.ForMessage(clock, source);
                Assert.True(sensor.Handle(envelope, turn));
                foreach (var effect in turn.Effects)
                {
                    effects.Add(Serialize(effect));
                    if (effect is SendToGrain send && send.Envelope.GrainKey == camera.Id)
                    {
                        var cameraTurn = GrainTurn.ForMessage(clock, source);
                        Assert.True(camera.Handle(send.Envelope, cameraTurn));
                        effects.AddRange(cameraTurn.Effects.Select(Serialize));
                    }
                }
            }

            return effects;
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        private static string Serialize(GrainEffect effect) => effect.GetType().Name + JsonSerializer.Serialize(effect, effect.GetType(), EffectJson);
    }

    [Fact]
    public void Same_messages_at_the_same_positions_give_identical_effects_including_ids()
    {
        var messages = Traffic();

        var first = new PartitionRun(new SensorState(), new CameraState(), TimeSpan.FromMilliseconds(150)).Apply(messages, 0);
        var second = new PartitionRun(new SensorState(), new CameraState(), TimeSpan.FromMilliseconds(150)).Apply(messages, 0);

        Assert.Contains(first, e => e.StartsWith(nameof(PublishCommand), StringComparison.Ordinal));
        Assert.Contains(first, e => e.StartsWith(nameof(PublishAlert), StringComparison.Ordinal));
        Assert.Contains(first, e => e.StartsWith(nameof(UpsertTrafficCount), StringComparison.Ordinal));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Sensor_effects_do_not_depend_on_when_the_messages_are_processed()
    {
        var messages = Traffic();

        var live = new PartitionRun(new SensorState(), new CameraState(), TimeSpan.FromMilliseconds(150)).Apply(messages, 0);
        var backlog = new PartitionRun(new SensorState(), new CameraState(), TimeSpan.FromHours(3)).Apply(messages, 0);

        // Camera rows carry processing-time liveness fields; everything the sensor decides is in event time.
        static List<string> SensorOnly(List<string> effects) =>
            [.. effects.Where(e => e.StartsWith(nameof(PublishAlert), StringComparison.Ordinal) || e.StartsWith(nameof(SendToGrain), StringComparison.Ordinal)
                || e.StartsWith(nameof(UpsertTrafficCount), StringComparison.Ordinal) || e.StartsWith(nameof(PublishCommand), StringComparison.Ordinal))];
        Assert.Equal(SensorOnly(live), SensorOnly(backlog));
    }

    [Fact]
    public void Replay_from_the_last_committed_state_re_sends_the_same_commands_and_alerts()
    {
        var messages = Traffic();
        var clean = new PartitionRun(new SensorState(), new CameraState(), TimeSpan.FromMilliseconds(150));
        var cleanEffects = clean.Apply(messages[..25], 0);
        var cleanTail = clean.Apply(messages, 25);

        // A crashed silo: state was committed with the offset after message 24; it then applied more and died before committing.
        var committed = new PartitionRun(new SensorState(), new CameraState(), TimeSpan.FromMilliseconds(150));
        Assert.Equal(cleanEffects, committed.Apply(messages[..25], 0));
        var sensorRow = JsonSerializer.Serialize(committed.SensorState, GrainStateJsonContext.Default.SensorState);
        var cameraRow = JsonSerializer.Serialize(committed.CameraState, GrainStateJsonContext.Default.CameraState);
        committed.Apply(messages[..40], 25); // lost

        var restarted = new PartitionRun(
            JsonSerializer.Deserialize(sensorRow, GrainStateJsonContext.Default.SensorState)!,
            JsonSerializer.Deserialize(cameraRow, GrainStateJsonContext.Default.CameraState)!,
            TimeSpan.FromMilliseconds(150));
        var replayedTail = restarted.Apply(messages, 25);

        Assert.Equal(cleanTail, replayedTail);
    }
}
