using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Testing.Faults;

/// <summary>
/// Generates malformed Smart Video Record commands for an edge agent whose camera answers to
/// <paramref name="sensorId"/>, around <paramref name="now"/>: deterministic for a seed. Each case names the
/// agent's refusal reason (the names of Platform.EdgeAgent.Commands.BadCommandReason).
/// </summary>
public sealed class CommandCorpus(int seed, DateTimeOffset now, string sensorId)
{
    public const string NotJson = nameof(NotJson);
    public const string Malformed = nameof(Malformed);
    public const string UnknownCommand = nameof(UnknownCommand);
    public const string UnknownCamera = nameof(UnknownCamera);
    public const string EndBeforeStart = nameof(EndBeforeStart);
    public const string TooLong = nameof(TooLong);
    public const string OlderThanCache = nameof(OlderThanCache);
    public const string StartTooFarAhead = nameof(StartTooFarAhead);

    public static IReadOnlyList<string> Reasons { get; } =
        [NotJson, Malformed, UnknownCommand, UnknownCamera, EndBeforeStart, TooLong, OlderThanCache, StartTooFarAhead];

    private readonly Random random = new(seed);
    private readonly List<FaultCase> cases = [];

    public static IReadOnlyList<FaultCase> Generate(int seed, DateTimeOffset now, string sensorId, int randomWindows = 40)
    {
        var corpus = new CommandCorpus(seed, now, sensorId);
        corpus.NotJsonCases();
        corpus.Shapes();
        corpus.CommandNames();
        corpus.Times();
        corpus.Windows(randomWindows);
        corpus.Sensors();
        corpus.Huge();
        return corpus.cases;
    }

    public static string Wire(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A well-formed command (start now - 2 s, end now + 2 s unless given) as a JSON object to break.</summary>
    public JsonObject Valid(string command = "start-recording", DateTimeOffset? start = null, DateTimeOffset? end = null) => new()
    {
        ["command"] = command,
        ["start"] = Wire(start ?? now.AddSeconds(-2)),
        ["end"] = Wire(end ?? now.AddSeconds(2)),
        ["sensor"] = new JsonObject { ["id"] = sensorId },
    };

    private void Add(string name, string json, string reason) => cases.Add(new FaultCase(name, Encoding.UTF8.GetBytes(json), reason));

    private void Add(string name, byte[] bytes, string reason) => cases.Add(new FaultCase(name, bytes, reason));

    private void NotJsonCases()
    {
        var valid = Valid().ToJsonString();
        foreach (var text in new[] { "", " ", "not json", "{", "{\"command\":", "start-recording", "{'command':'start-recording'}", "\0", "NaN" })
        {
            Add($"not JSON '{text}'", text, NotJson);
        }

        for (var i = 0; i < 10; i++)
        {
            var at = random.Next(1, valid.Length - 1);
            Add($"truncated at {at}", valid[..at], NotJson);
        }

        var noise = new byte[2048];
        random.NextBytes(noise);
        noise[0] = (byte)'!';
        Add("random bytes", noise, NotJson);
        Add("nesting 200 deep in an unknown field", valid.Insert(1, $"\"x\":{new string('[', 200)}{new string(']', 200)},"), NotJson);
    }

    private void Shapes()
    {
        // One JSON value followed by more: the syntax check reads the first, the deserializer refuses the rest.
        Add("trailing brace", "{}}", Malformed);
        foreach (var text in new[] { "[]", "42", "null", "true", "\"start-recording\"", "[{\"command\":\"start-recording\"}]" })
        {
            Add($"root {text}", text, Malformed);
        }

        Add("empty object", "{}", Malformed);
        foreach (var field in new[] { "command", "start", "end", "sensor" })
        {
            var missing = Valid();
            missing.Remove(field);
            Add($"{field} missing", missing.ToJsonString(), Malformed);
        }

        JsonNode?[] wrong = [42, true, new JsonArray(), new JsonObject()];
        foreach (var field in new[] { "command", "start", "end", "commandId", "sessionId", "cameraId", "ruleId" })
        {
            foreach (var value in wrong)
            {
                var command = Valid();
                command[field] = value?.DeepClone();
                Add($"{field} as {value?.GetValueKind()}", command.ToJsonString(), Malformed);
            }
        }

        foreach (var value in new JsonNode?[] { 42, "camera", true, new JsonArray() })
        {
            var command = Valid();
            command["sensor"] = value?.DeepClone();
            Add($"sensor as {value?.GetValueKind()}", command.ToJsonString(), Malformed);
            var id = Valid();
            id["sensor"] = new JsonObject { ["id"] = value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? new JsonObject() : value?.DeepClone() };
            Add($"sensor.id as {(id["sensor"]!["id"]!).GetValueKind()}", id.ToJsonString(), Malformed);
        }

        var nullSensor = Valid();
        nullSensor["sensor"] = null;
        Add("sensor null", nullSensor.ToJsonString(), Malformed);
        foreach (var field in new[] { "start", "end" })
        {
            var command = Valid();
            command[field] = null;
            Add($"{field} null", command.ToJsonString(), Malformed);
        }
    }

    private void CommandNames()
    {
        foreach (var name in new[] { "", " ", "Start-Recording", "START-RECORDING", "start_recording", "start-recording ", " stop-recording", "startrecording",
            "record", "delete-all-clips", "start-recording\0", "stop-recording\n", "ѕtart-recording", "'; DROP TABLE clips;--", "../start-recording" })
        {
            Add($"command '{name.Replace("\0", "\\0", StringComparison.Ordinal)}'", Valid(name).ToJsonString(), UnknownCommand);
        }

        var nullCommand = Valid();
        nullCommand["command"] = null;
        Add("command null", nullCommand.ToJsonString(), UnknownCommand);
        // Duplicate keys: the last one counts (System.Text.Json's rule), so these are judged by their last value.
        Add("duplicate command, last unknown", Valid().ToJsonString().Replace("\"command\":\"start-recording\"",
            "\"command\":\"start-recording\",\"command\":\"reboot\"", StringComparison.Ordinal), UnknownCommand);
        Add("duplicate end, last before start", Valid().ToJsonString().Insert(Valid().ToJsonString().Length - 1,
            $",\"end\":\"{Wire(now.AddSeconds(-10))}\""), EndBeforeStart);
    }

    private void Times()
    {
        foreach (var text in new[] { "", "yesterday", "2021-13-45T99:99:99Z", "2021-02-30T00:00:00Z", "1627494799339", "+10000-01-01T00:00:00Z",
            "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "T", "\0" })
        {
            var start = Valid();
            start["start"] = text;
            Add($"start '{text.Replace("\0", "\\0", StringComparison.Ordinal)}'", start.ToJsonString(), Malformed);
            var end = Valid();
            end["end"] = text;
            Add($"end '{text.Replace("\0", "\\0", StringComparison.Ordinal)}'", end.ToJsonString(), Malformed);
        }
    }

    /// <summary>End before start, absurd lengths, windows long gone or far ahead; fixed ones and seeded ones.</summary>
    private void Windows(int count)
    {
        (string Name, DateTimeOffset Start, DateTimeOffset End, string Reason)[] windows =
        [
            ("end equals start", now, now, EndBeforeStart),
            ("end 1 ms before start", now, now.AddMilliseconds(-1), EndBeforeStart),
            ("end a day before start", now, now.AddDays(-1), EndBeforeStart),
            ("two hours", now.AddHours(-1), now.AddHours(1), TooLong),
            ("year 1 to year 9999", DateTimeOffset.MinValue.AddDays(1), DateTimeOffset.MaxValue.AddDays(-1), TooLong),
            ("epoch", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(10), OlderThanCache),
            ("year 1", DateTimeOffset.MinValue.AddDays(1), DateTimeOffset.MinValue.AddDays(1).AddSeconds(10), OlderThanCache),
            ("an hour ago", now.AddHours(-1), now.AddHours(-1).AddSeconds(10), OlderThanCache),
            ("two days ahead", now.AddDays(2), now.AddDays(2).AddSeconds(10), StartTooFarAhead),
            ("year 9999", DateTimeOffset.MaxValue.AddDays(-1), DateTimeOffset.MaxValue.AddDays(-1).AddSeconds(10), StartTooFarAhead),
        ];
        foreach (var (name, start, end, reason) in windows)
        {
            Add($"window {name}", Valid(start: start, end: end).ToJsonString(), reason);
        }

        for (var i = 0; i < count; i++)
        {
            var kind = i % 4;
            var start = now.AddSeconds(random.Next(-20, 20));
            var (s, e, reason) = kind switch
            {
                0 => (start, start.AddSeconds(-random.Next(0, 86_400)), EndBeforeStart),
                1 => (start, start.AddSeconds(3_601 + random.Next(0, 10_000_000)), TooLong),
                2 => Window(now.AddSeconds(-random.Next(7_200, 100_000_000)), OlderThanCache),
                _ => Window(now.AddSeconds(3_700 + random.Next(0, 100_000_000)), StartTooFarAhead),
            };
            Add($"seeded window {i} ({reason})", Valid(start: s, end: e).ToJsonString(), reason);
        }
    }

    // A window of up to an hour from start: only where it lies is wrong.
    private (DateTimeOffset, DateTimeOffset, string) Window(DateTimeOffset start, string reason) => (start, start.AddSeconds(random.Next(1, 3_600)), reason);

    private void Sensors()
    {
        foreach (var id in new[] { "", "   " })
        {
            var command = Valid();
            command["sensor"] = new JsonObject { ["id"] = id };
            Add($"sensor.id '{id}'", command.ToJsonString(), Malformed);
        }

        foreach (var id in new[] { "nobody", sensorId.ToUpperInvariant() + "X", sensorId + " ", "../" + sensorId, "'; DROP TABLE clips;--", "<script>alert(1)</script>", "カメラ", sensorId + "\0" })
        {
            var command = Valid();
            command["sensor"] = new JsonObject { ["id"] = id };
            Add($"sensor.id '{id.Replace("\0", "\\0", StringComparison.Ordinal)}'", command.ToJsonString(), UnknownCamera);
        }

        foreach (var cameraId in new[] { "", "nobody", "../../etc", sensorId + "/.." })
        {
            var command = Valid();
            command["cameraId"] = cameraId;
            Add($"cameraId '{cameraId}'", command.ToJsonString(), UnknownCamera);
        }
    }

    private void Huge()
    {
        var command = Valid();
        command["command"] = new string('x', 1_000_000);
        Add("1 MB command name", command.ToJsonString(), UnknownCommand);
        var sensor = Valid();
        sensor["sensor"] = new JsonObject { ["id"] = new string('s', 1_000_000) };
        Add("1 MB sensor.id", sensor.ToJsonString(), UnknownCamera);
        var padded = Valid();
        padded["padding"] = new JsonArray([.. Enumerable.Range(0, 100_000).Select(i => (JsonNode)i)]);
        padded["start"] = Wire(now.AddHours(-3));
        Add("large unknown field and a bad window", padded.ToJsonString(), TooLong);
        var spaces = new byte[2 * 1024 * 1024];
        Array.Fill(spaces, (byte)' ');
        Add("2 MiB of spaces", spaces, NotJson);
    }
}
