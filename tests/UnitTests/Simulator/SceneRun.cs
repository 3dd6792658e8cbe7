using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Platform.Silo.Ingress;
using Platform.Simulator.Messages;
using Platform.Simulator.Scenes;
using Platform.UnitTests.Grains;
using Platform.UnitTests.Grains.Sensors;

namespace Platform.UnitTests.Simulator;

/// <summary>Runs a scene the way the platform would see it: its bytes through the silo's parser, then the real sensor grain.</summary>
internal static class SceneRun
{
    public static readonly SensorId Sensor = SensorId.From("sim-test");
    public static readonly CameraId Camera = CameraId.From("sim-test-cam");

    /// <summary>The sensor harness's own start: a Friday, 10:00 UTC.</summary>
    public static DateTimeOffset Start => GrainTestData.T0;

    public static SceneScript Script(string scene) => SceneCatalog.Find(scene)!.Build(Sensor, Camera, Start);

    /// <summary>Parses every message of the scene with the silo's parser (clock at the scene start); fails on any rejection.</summary>
    public static IReadOnlyList<DetectionReceived> Parse(SceneScript script, DeepStreamSchema schema)
    {
        var parser = new DeepStreamParser(new IngressLimits(), new FakeTimeProvider(Start));
        return [.. DeepStreamMessageWriter.Write(script.Frames, schema).Select(message =>
            parser.TryParse(message.Payload, out var detection, out var rejection)
                ? detection
                : throw new Xunit.Sdk.XunitException($"rejected: {rejection.Reason} {rejection.Detail}"))];
    }

    /// <summary>The configuration as a seeder gets it: from `--print-config`'s JSON, read back with the contracts' context.</summary>
    public static SensorConfig ConfigFromPrintedJson(SceneScript script)
    {
        var printed = JsonNode.Parse(SceneConfigJson.Write(script))!;
        return printed["sensor"].Deserialize(RulesJsonContext.Default.SensorConfig)!;
    }

    /// <summary>Every alert the grain raises for the scene's messages, as (rule, event time).</summary>
    public static IReadOnlyList<ExpectedFiring> Firings(SensorConfig config, IReadOnlyList<DetectionReceived> detections)
    {
        var sensor = new SensorHarness(config);
        return [.. detections
            .SelectMany(d => sensor.DetectEvent(d.Timestamp, d.EventType, [.. d.Objects]).OfType<PublishAlert>())
            .Select(a => new ExpectedFiring(a.Alert.RuleId, a.Alert.OccurredAt))];
    }
}
