using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Sensors;
using Platform.Grains.Turns;

namespace Platform.UnitTests.Grains.Sensors;

/// <summary>Drives a sensor grain the way the host does: one turn per message with a growing offset, timers from NextTimerDue.</summary>
internal sealed class SensorHarness
{
    public const int Partition = 3;

    private long offset = 100;

    public SensorHarness(SensorConfig config, SensorGrainOptions? options = null, SensorState? state = null)
    {
        Grain = new SensorLogic(config, state ?? new SensorState(), options ?? new SensorGrainOptions());
    }

    /// <summary>Processing time; each detection arrives 200 ms after its event time unless the clock is already later.</summary>
    public FakeTimeProvider Clock { get; } = new(GrainTestData.T0);

    public SensorLogic Grain { get; }

    public long LastOffset => offset - 1;

    public static string MessageIdAt(long offset) => $"ingress-events-{Partition}-{offset}";

    public IReadOnlyList<GrainEffect> Detect(DateTimeOffset at, params DetectedObject[] objects) => DetectEvent(at, null, objects);

    public IReadOnlyList<GrainEffect> DetectEvent(DateTimeOffset at, string? eventType, params DetectedObject[] objects) =>
        Apply(new DetectionReceived { SensorId = Grain.SensorId, Timestamp = at, EventType = eventType, Objects = objects });

    /// <summary>Another analytics' event (VSS's mdx-events), as ingress makes it: no objects, the event attached.</summary>
    public IReadOnlyList<GrainEffect> Analytics(DateTimeOffset at, AnalyticsEvent analytics) =>
        Apply(new DetectionReceived { SensorId = Grain.SensorId, Timestamp = at, Objects = [], Analytics = analytics });

    private IReadOnlyList<GrainEffect> Apply(DetectionReceived detection)
    {
        var at = detection.Timestamp;
        var arrival = at + TimeSpan.FromMilliseconds(200);
        if (arrival > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(arrival);
        }

        var position = offset++;
        var envelope = new GrainEnvelope
        {
            MessageId = MessageIdAt(position),
            GrainKey = Grain.Id,
            OccurredAt = at,
            Message = detection,
        };
        var turn = GrainTurn.ForMessage(Clock, new SourcePosition("platform.events", Partition, position));
        Assert.True(Grain.Handle(envelope, turn));
        return turn.Effects;
    }

    /// <summary>Moves the clock to the grain's timer and fires it, as the host would.</summary>
    public IReadOnlyList<GrainEffect> FireTimer()
    {
        var due = Grain.NextTimerDue ?? throw new InvalidOperationException("No timer is armed.");
        if (due > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(due);
        }

        var turn = GrainTurn.ForTimer(Clock, Partition, due);
        Grain.OnTimer(turn);
        return turn.Effects;
    }
}
