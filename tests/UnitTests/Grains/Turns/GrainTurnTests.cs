using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Turns;

namespace Platform.UnitTests.Grains.Turns;

public sealed class GrainTurnTests
{
    [Fact]
    public void Turn_takes_processing_time_from_the_time_provider_and_keeps_its_source()
    {
        var clock = new FakeTimeProvider(GrainTestData.T0);
        clock.Advance(TimeSpan.FromSeconds(3));

        var turn = GrainTurn.ForMessage(clock, new SourcePosition("deepstream-events", 1, 77));

        Assert.Equal(GrainTestData.T0.AddSeconds(3), turn.Now);
        Assert.Equal("deepstream-events/1@77", turn.Source.ToString());
    }

    [Fact]
    public void Ids_depend_on_grain_purpose_and_source_position()
    {
        var grain = GrainKey.ForCamera(GrainTestData.Camera);
        var turn = new GrainTurn(GrainTestData.T0, new SourcePosition("deepstream-events", 1, 77));
        var later = new GrainTurn(GrainTestData.T0.AddHours(1), new SourcePosition("deepstream-events", 1, 77));

        Assert.Equal(turn.NewId("cmd", grain, "rule-1"), later.NewId("cmd", grain, "rule-1")); // processing time plays no part
        Assert.NotEqual(turn.NewId("cmd", grain, "rule-1"), turn.NewId("cmd", grain, "rule-2"));
        Assert.NotEqual(turn.NewId("cmd", grain, "rule-1"), turn.NewId("alr", grain, "rule-1"));
    }

    [Fact]
    public void Emitting_two_effects_with_one_id_is_refused()
    {
        var turn = new GrainTurn(GrainTestData.T0, new SourcePosition("deepstream-events", 1, 77));
        var effect = new UpsertTrafficCount
        {
            EffectId = "cnt_1",
            SensorId = GrainTestData.Sensor,
            ZoneId = "dock",
            Class = "Person",
            Minute = GrainTestData.T0,
            Entries = 1,
            Exits = 0,
            MaxPresent = 1,
        };
        turn.Emit(effect);

        Assert.Throws<InvalidOperationException>(() => turn.Emit(effect with { Entries = 2 }));
    }
}
