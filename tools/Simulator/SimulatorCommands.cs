using System.CommandLine;
using Platform.Grains.Interfaces.Ids;
using Platform.Messaging;
using Platform.Simulator.Load;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;
using Platform.Simulator.Scenes;

namespace Platform.Simulator;

/// <summary>The command line: `scene NAME` (scripted, known firings; `--print-config` for seeding) and `load` (background traffic).</summary>
public static class SimulatorCommands
{
    private static readonly Option<string> Bootstrap = new("--bootstrap", "-b")
    {
        Description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP, else 127.0.0.1:9092)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP") is { Length: > 0 } fromEnvironment ? fromEnvironment : "127.0.0.1:9092",
    };

    private static readonly Option<string> Topic = new("--topic", "-t")
    {
        Description = "topic to publish to",
        DefaultValueFactory = _ => PlatformTopics.DeepStreamEvents,
    };

    private static readonly Option<bool> Minimal = new("--minimal") { Description = "DeepStream's minimal schema (all objects of a frame in one message) instead of the full one" };

    private static readonly Option<bool> Protobuf = new("--protobuf") { Description = "DeepStream's protobuf payload (one nv.Frame per frame, payload-type 2) instead of JSON" };

    public static RootCommand Build()
    {
        var root = new RootCommand("platform-sim: publishes DeepStream detection events to Kafka");
        root.Subcommands.Add(SceneCommand());
        root.Subcommands.Add(LoadCommand());
        return root;
    }

    private static Command SceneCommand()
    {
        var name = new Argument<string>("name") { Description = "one of: " + string.Join(", ", SceneCatalog.All.Select(s => s.Name)) };
        var sensor = new Option<string?>("--sensor-id") { Description = "the sensor (default: sim-NAME)" };
        var camera = new Option<string?>("--camera-id") { Description = "the sensor's camera (default: the sensor id)" };
        var printConfig = new Option<bool>("--print-config") { Description = "print the camera, sensor, zones, lines, rules and expected firings as JSON; publish nothing" };
        var command = new Command("scene", "play a scripted scene once, in real time") { name, sensor, camera, printConfig, Bootstrap, Topic, Minimal, Protobuf };
        command.SetAction(async (result, stopping) =>
        {
            var scene = SceneCatalog.Find(result.GetValue(name)!);
            if (scene is null)
            {
                await Console.Error.WriteLineAsync($"platform-sim: unknown scene; known: {string.Join(", ", SceneCatalog.All.Select(s => s.Name))}");
                return 2;
            }

            var sensorId = SensorId.From(result.GetValue(sensor) ?? $"sim-{scene.Name}");
            var cameraId = CameraId.From(result.GetValue(camera) ?? sensorId.Value);
            var script = scene.Build(sensorId, cameraId, TimeProvider.System.GetUtcNow());
            if (result.GetValue(printConfig))
            {
                Console.WriteLine(SceneConfigJson.Write(script));
                return 0;
            }

            Console.WriteLine($"scene {scene.Name} on sensor {sensorId}: {scene.Description}");
            using var sink = new KafkaDeepStreamSink(result.GetValue(Bootstrap)!, result.GetValue(Topic)!);
            var published = await new ScenePlayer(sink, TimeProvider.System).PlayAsync(script, Schema(result), stopping);
            return Finish(sink, published);
        });
        return command;
    }

    private static Command LoadCommand()
    {
        var sensors = new Option<int>("--sensors", "-n") { Description = "number of sensors (sim-1 … sim-N)", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate", "-r") { Description = "messages per second, over all sensors", DefaultValueFactory = _ => 100 };
        var duration = new Option<double?>("--duration", "-d") { Description = "seconds to run (default: until Ctrl-C)" };
        var objects = new Option<int>("--objects") { Description = "objects per sensor", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "random seed: the same seed gives the same walk", DefaultValueFactory = _ => 1 };
        var prefix = new Option<string>("--sensor-prefix") { Description = "sensor ids are PREFIX-1 … PREFIX-N", DefaultValueFactory = _ => "sim" };
        var command = new Command("load", "background traffic: random-walk objects on N sensors at R messages per second")
        {
            sensors, rate, duration, objects, seed, prefix, Bootstrap, Topic, Minimal, Protobuf,
        };
        command.SetAction(async (result, stopping) =>
        {
            var ids = Enumerable.Range(1, Math.Max(1, result.GetValue(sensors))).Select(i => $"{result.GetValue(prefix)}-{i}").ToList();
            var seconds = result.GetValue(duration);
            var pacer = new RatePacer(result.GetValue(rate), seconds is { } s ? TimeSpan.FromSeconds(s) : null);
            using var sink = new KafkaDeepStreamSink(result.GetValue(Bootstrap)!, result.GetValue(Topic)!);
            var walk = new RandomWalk(ids, result.GetValue(objects), result.GetValue(seed));
            Console.WriteLine($"load: {ids.Count} sensors, {result.GetValue(rate)} msg/s, {(seconds is null ? "until Ctrl-C" : $"{seconds} s")}");
            var sent = await new LoadRunner(walk, Schema(result), pacer, sink, TimeProvider.System).RunAsync(stopping);
            return Finish(sink, sent);
        });
        return command;
    }

    private static DeepStreamSchema Schema(ParseResult result) =>
        result.GetValue(Protobuf) ? DeepStreamSchema.Protobuf : result.GetValue(Minimal) ? DeepStreamSchema.Minimal : DeepStreamSchema.Full;

    private static int Finish(KafkaDeepStreamSink sink, long published)
    {
        var flushed = sink.Flush(TimeSpan.FromSeconds(30));
        Console.WriteLine($"published {published} messages: {sink.Delivered} delivered, {sink.Failed} failed{(flushed ? "" : ", some still pending")}");
        return flushed && sink.Failed == 0 ? 0 : 1;
    }
}
