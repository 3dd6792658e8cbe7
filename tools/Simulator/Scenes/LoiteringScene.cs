using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Simulator.Scenes;

/// <summary>
/// A person walks into the "entrance" zone and stays: the on-enter rule fires when they first stand inside, the
/// dwell rule once they have been inside for <see cref="MinimumDwell"/>.
/// </summary>
public sealed class LoiteringScene : IScene
{
    public static readonly TimeSpan MinimumDwell = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Length = TimeSpan.FromSeconds(30);

    public string Name => "loitering";

    public string Description => "a person walks into the entrance zone and stays: entry, then loitering after 10 s";

    public SceneScript Build(SensorId sensor, CameraId camera, DateTimeOffset start)
    {
        var entrance = SceneFrames.Rectangle("entrance", "Entrance", 800, 600, 1200, 900);
        var entry = SceneRules.AlertAndRecord(sensor, "entry", "Person enters the entrance",
            new ObjectInZoneCondition { ZoneId = entrance.Id, Classes = ["Person"], Trigger = ZoneTrigger.OnEnter }, "{class} entered {zone}");
        var loitering = SceneRules.AlertAndRecord(sensor, "loitering", "Loitering at the entrance",
            new DwellCondition { ZoneId = entrance.Id, Classes = ["Person"], MinimumDwell = MinimumDwell }, "{class} loitering in {zone}");

        // Walks in from the left for 7 s (crossing the zone's edge between frames), then stands near the door.
        var person = new SceneActor("person-1", "Person", 60, 170, TimeSpan.Zero, Length, new Trajectory(
            (TimeSpan.Zero, 310, 800), (TimeSpan.FromSeconds(7), 1010, 800), (TimeSpan.FromSeconds(18), 1030, 790), (Length, 1000, 810)));
        var frames = SceneFrames.Generate(sensor.Value, start, Length, [person]);

        var entered = SceneFrames.FirstInside(frames, person.TrackingId, entrance);
        return new SceneScript(Name,
            SceneRules.Sensor(sensor, camera, [entrance], [], entry, loitering),
            SceneRules.Camera(camera, Name),
            frames,
            [
                new ExpectedFiring(entry.Id, entered),
                new ExpectedFiring(loitering.Id, SceneFrames.FirstSightingAfter(frames, person.TrackingId, entered, MinimumDwell)),
            ]);
    }
}
