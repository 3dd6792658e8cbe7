using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Simulator.Scenes;

/// <summary>
/// Two cars cross the "road" line (drawn left to right, so a-to-b is down the picture): one drives down, the other
/// up a few seconds later. Each direction's rule fires exactly once, for its own car.
/// </summary>
public sealed class LineCrossingScene : IScene
{
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(18);

    public string Name => "line-crossing";

    public string Description => "a car crosses the road line downwards (a-to-b), another upwards (b-to-a)";

    public SceneScript Build(SensorId sensor, CameraId camera, DateTimeOffset start)
    {
        var road = new Line { Id = "road", Name = "Road", A = new(0, 540), B = new(1920, 540) };
        var southbound = SceneRules.AlertAndRecord(sensor, "southbound", "Southbound car",
            new LineCrossingCondition { LineId = road.Id, Direction = CrossingDirection.AToB, Classes = ["Car"] }, "{class} crossed {line} southbound");
        var northbound = SceneRules.AlertAndRecord(sensor, "northbound", "Northbound car",
            new LineCrossingCondition { LineId = road.Id, Direction = CrossingDirection.BToA, Classes = ["Car"] }, "{class} crossed {line} northbound");

        // Paths chosen so that no frame puts a car exactly on the line.
        var down = new SceneActor("car-1", "Car", 160, 90, TimeSpan.Zero, TimeSpan.FromSeconds(8), new Trajectory(
            (TimeSpan.Zero, 500, 200), (TimeSpan.FromSeconds(7), 500, 900)));
        var up = new SceneActor("car-2", "Car", 160, 90, TimeSpan.FromSeconds(8), Length, new Trajectory(
            (TimeSpan.FromSeconds(8), 1400, 900), (TimeSpan.FromSeconds(15), 1400, 200)));
        var frames = SceneFrames.Generate(sensor.Value, start, Length, [down, up]);

        return new SceneScript(Name,
            SceneRules.Sensor(sensor, camera, [], [road], southbound, northbound),
            SceneRules.Camera(camera, Name),
            frames,
            [
                Expect(southbound, CrossingDirection.AToB, SceneFrames.FirstCrossing(frames, down.TrackingId, road)),
                Expect(northbound, CrossingDirection.BToA, SceneFrames.FirstCrossing(frames, up.TrackingId, road)),
            ]);
    }

    private static ExpectedFiring Expect(Rule rule, CrossingDirection direction, (DateTimeOffset At, CrossingDirection Direction) crossing) =>
        crossing.Direction == direction
            ? new ExpectedFiring(rule.Id, crossing.At)
            : throw new InvalidOperationException($"The scene's car crosses {crossing.Direction}, not {direction}.");
}
