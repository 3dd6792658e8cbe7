using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Cameras;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Turns;

namespace Platform.UnitTests.Grains.Cameras;

/// <summary>Drives a camera grain the way the host does: one turn per message, timers from NextTimerDue.</summary>
internal sealed class CameraHarness
{
    public const int Partition = 5;

    private long offset = 1000;

    public CameraHarness(CameraGrainOptions? options = null, CameraConfig? config = null)
    {
        Grain = new CameraLogic(
            config ?? new CameraConfig { CameraId = GrainTestData.Camera, Name = "Dock", DeviceSensorId = "ds-source-0" },
            new CameraState(),
            options ?? new CameraGrainOptions());
    }

    public FakeTimeProvider Clock { get; } = new(GrainTestData.T0);

    public CameraLogic Grain { get; }

    public static RecordRequested Trigger(DateTimeOffset at, string rule = "rule-1", int preRoll = 5, int postRoll = 10, int maxSession = 60) => new()
    {
        CameraId = GrainTestData.Camera,
        TriggeredAt = at,
        PreRoll = TimeSpan.FromSeconds(preRoll),
        PostRoll = TimeSpan.FromSeconds(postRoll),
        MaxSession = TimeSpan.FromSeconds(maxSession),
        RuleId = RuleId.From(rule),
        SensorId = GrainTestData.Sensor,
        TriggerMessageId = $"detection-at-{at.ToUnixTimeMilliseconds()}",
        Reason = "Person in Loading dock",
    };

    /// <summary>Applies a message; processing time follows the message's time (plus 100 ms) unless the clock is later.</summary>
    public IReadOnlyList<GrainEffect> Send(GrainMessage message, DateTimeOffset occurredAt)
    {
        var arrival = occurredAt + TimeSpan.FromMilliseconds(100);
        if (arrival > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(arrival);
        }

        var position = offset++;
        var envelope = new GrainEnvelope
        {
            MessageId = $"control-{Partition}-{position}",
            GrainKey = Grain.Id,
            OccurredAt = occurredAt,
            Message = message,
        };
        var turn = GrainTurn.ForMessage(Clock, new SourcePosition("platform.control", Partition, position));
        Assert.True(Grain.Handle(envelope, turn));
        return turn.Effects;
    }

    public IReadOnlyList<GrainEffect> Record(RecordRequested request) => Send(request, request.TriggeredAt);

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
