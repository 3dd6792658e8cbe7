using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Simulator.Scenes;

/// <summary>
/// People arrive on the plaza one every 3 s and stay: the count rule (at least <see cref="Threshold"/> entries within a
/// minute) fires once, on the entry of the last of them.
/// </summary>
public sealed class CrowdScene : IScene
{
    public const int Threshold = 5;

    private static readonly TimeSpan Length = TimeSpan.FromSeconds(25);

    public string Name => "crowd";

    public string Description => $"{Threshold} people walk onto the plaza within 15 s: one crowd firing when the {Threshold}th enters";

    public SceneScript Build(SensorId sensor, CameraId camera, DateTimeOffset start)
    {
        var plaza = SceneFrames.Rectangle("plaza", "Plaza", 600, 400, 1400, 1000);
        // The cooldown outlasts the scene, so people still standing there cannot make it fire twice.
        var crowd = SceneRules.AlertAndRecord(sensor, "crowd", "Crowd on the plaza",
            new CountInZoneCondition { ZoneId = plaza.Id, Classes = ["Person"], Threshold = Threshold, Window = TimeSpan.FromMinutes(1) },
            "{count} people in {zone}") with { Cooldown = TimeSpan.FromMinutes(5) };

        var people = Enumerable.Range(0, Threshold).Select(i =>
        {
            var arrives = TimeSpan.FromSeconds(3 * i);
            var y = 500 + (100 * i);
            return new SceneActor($"person-{i + 1}", "Person", 60, 170, arrives, Length, new Trajectory(
                (arrives, 300, y), (arrives + TimeSpan.FromSeconds(4), 700 + (120 * i), y)));
        }).ToList();
        var frames = SceneFrames.Generate(sensor.Value, start, Length, people);

        var lastEntry = people.Max(p => SceneFrames.FirstInside(frames, p.TrackingId, plaza));
        return new SceneScript(Name,
            SceneRules.Sensor(sensor, camera, [plaza], [], crowd),
            SceneRules.Camera(camera, Name),
            frames,
            [new ExpectedFiring(crowd.Id, lastEntry)]);
    }
}
