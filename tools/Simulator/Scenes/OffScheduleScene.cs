using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Simulator.Scenes;

/// <summary>
/// A person walks into the yard while the yard's rule is off: its schedule (UTC) is one hour that starts twelve hours
/// after the scene's start hour, so nothing fires. Without the schedule the same walk fires the rule once.
/// </summary>
public sealed class OffScheduleScene : IScene
{
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(15);

    public string Name => "off-schedule";

    public string Description => "a person enters the yard outside the yard rule's schedule: no firing";

    public SceneScript Build(SensorId sensor, CameraId camera, DateTimeOffset start)
    {
        var yard = SceneFrames.Rectangle("yard", "Yard", 800, 600, 1200, 900);
        var opens = new TimeOnly((start.UtcDateTime.Hour + 12) % 24, 0);
        var afterHours = SceneRules.AlertAndRecord(sensor, "after-hours", "Person in the yard (night shift only)",
            new ObjectInZoneCondition { ZoneId = yard.Id, Classes = ["Person"], Trigger = ZoneTrigger.OnEnter }, "{class} in {zone}") with
        {
            Schedule = new RuleSchedule { TimeZone = "UTC", Windows = [new ScheduleWindow { Start = opens, End = opens.AddHours(1) }] },
        };

        var person = new SceneActor("person-1", "Person", 60, 170, TimeSpan.Zero, Length, new Trajectory(
            (TimeSpan.Zero, 310, 800), (TimeSpan.FromSeconds(7), 1010, 800)));
        return new SceneScript(Name,
            SceneRules.Sensor(sensor, camera, [yard], [], afterHours),
            SceneRules.Camera(camera, Name),
            SceneFrames.Generate(sensor.Value, start, Length, [person]),
            []);
    }
}
