using Microsoft.Extensions.Time.Testing;
using Platform.Silo.Ingress;
using Platform.Simulator.Load;
using Platform.Simulator.Messages;
using Platform.Simulator.Model;

namespace Platform.UnitTests.Simulator;

public sealed class RandomWalkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_walk_and_another_seed_a_different_one()
    {
        static List<SimulatedFrame> Walk(int seed)
        {
            var walk = new RandomWalk(["s1", "s2"], 3, seed);
            return [.. Enumerable.Range(0, 200).Select(i => walk.NextObject(T0.AddMilliseconds(i)))];
        }

        Assert.Equal(Walk(7).SelectMany(f => f.Objects), Walk(7).SelectMany(f => f.Objects));
        Assert.NotEqual(Walk(7).SelectMany(f => f.Objects), Walk(8).SelectMany(f => f.Objects));
    }

    [Fact]
    public void Objects_stay_inside_the_frame_and_move_a_little_between_steps()
    {
        var walk = new RandomWalk(["s1"], 2, 3);
        var previous = new Dictionary<string, SimulatedObject>();
        for (var i = 0; i < 5000; i++)
        {
            var o = Assert.Single(walk.NextObject(T0).Objects);
            Assert.InRange(o.Left, 0, RandomWalk.FrameWidth);
            Assert.InRange(o.Right, o.Left + 1, RandomWalk.FrameWidth);
            Assert.InRange(o.Top, 0, RandomWalk.FrameHeight);
            Assert.InRange(o.Bottom, o.Top + 1, RandomWalk.FrameHeight);
            if (previous.TryGetValue(o.TrackingId, out var before))
            {
                Assert.InRange(Math.Abs(o.FootX - before.FootX), 0, 12.0001);
            }

            previous[o.TrackingId] = o;
        }

        Assert.True(previous.Count > 2, "objects are replaced by newcomers now and then");
    }

    [Fact]
    public void Full_steps_take_sensors_and_objects_in_turn_and_minimal_steps_a_whole_sensor()
    {
        var walk = new RandomWalk(["s1", "s2"], 2, 1);

        Assert.Equal(["s1", "s1", "s2", "s2", "s1"], Enumerable.Range(0, 5).Select(_ => walk.NextObject(T0).SensorId));
        var whole = new RandomWalk(["s1", "s2"], 2, 1);
        Assert.Equal([2, 2, 2], Enumerable.Range(0, 3).Select(_ => whole.NextSensor(T0).Objects.Count));
    }

    [Theory]
    [InlineData(DeepStreamSchema.Full)]
    [InlineData(DeepStreamSchema.Minimal)]
    public void Load_messages_are_accepted_by_the_silo_parser(DeepStreamSchema schema)
    {
        var parser = new DeepStreamParser(new IngressLimits(), new FakeTimeProvider(T0));
        var walk = new RandomWalk(["s1", "s2", "s3"], 4, 11);

        for (var i = 0; i < 500; i++)
        {
            var frame = schema == DeepStreamSchema.Full ? walk.NextObject(T0) : walk.NextSensor(T0);
            foreach (var message in DeepStreamMessageWriter.Write(frame, schema))
            {
                Assert.True(parser.TryParse(message.Payload, out var detection, out var rejection), rejection?.Detail);
                Assert.Equal(frame.SensorId, detection.SensorId.Value);
            }
        }
    }
}
