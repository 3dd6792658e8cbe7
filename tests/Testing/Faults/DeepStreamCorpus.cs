using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.LocalInfra;
using R = Platform.Testing.Faults.DeepStreamReasons;

namespace Platform.Testing.Faults;

/// <summary>
/// Generates malformed (and legitimately odd) DeepStream messages from the real samples in
/// ../shared/samples/deepstream: deterministic for a seed and a clock, never hand-written files. Each case says
/// what ingress must make of it (<see cref="FaultCase.ExpectedReason"/>).
/// </summary>
public sealed class DeepStreamCorpus
{
    private static readonly byte[][] InvalidUtf8 =
        [[0xFF], [0xC0, 0x80], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE, 0xFE]];

    private static readonly string[] DefaultObjects = ["7|10|20|110|220|person"];

    private readonly Random random;
    private readonly DateTimeOffset now;
    private readonly IReadOnlyList<string> samples;
    private readonly List<FaultCase> cases = [];

    private DeepStreamCorpus(int seed, DateTimeOffset now)
    {
        random = new Random(seed);
        this.now = now;
        samples = Samples(now);
    }

    /// <summary>The sensor id of the valid minimal-schema messages the corpus builds on.</summary>
    public const string MinimalSensorId = "fault-minimal-sensor";

    /// <summary>The real full-schema samples, moved to <paramref name="now"/> so that ingress accepts them.</summary>
    public static IReadOnlyList<string> Samples(DateTimeOffset now) =>
        [.. File.ReadAllLines(Path.Combine(RepositoryPaths.FindRepositoryRoot(), "..", "shared", "samples", "deepstream", "events-full.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => line.Replace("2021-07-28T17:53:", Stamp(now)[..17], StringComparison.Ordinal))];

    /// <summary>
    /// The corpus for <paramref name="seed"/> at <paramref name="now"/>; <paramref name="truncationsPerSample"/>
    /// seeded offsets per sample besides the fixed ones.
    /// </summary>
    public static IReadOnlyList<FaultCase> Generate(int seed, DateTimeOffset now, int truncationsPerSample = 8)
    {
        var corpus = new DeepStreamCorpus(seed, now);
        corpus.Truncations(truncationsPerSample);
        corpus.WrongTypes();
        corpus.NotObjects();
        corpus.Sizes();
        corpus.Nesting();
        corpus.NonFiniteNumbers();
        corpus.BadUtf8();
        corpus.Duplicates();
        corpus.Timestamps();
        corpus.BoundingBoxes();
        corpus.Ids();
        corpus.MinimalObjects();
        corpus.OddAcceptedText();
        corpus.cases.AddRange(NvFrameCorpus.Generate(corpus.random, now, corpus.samples[0]));
        return corpus.cases;
    }

    /// <summary>A valid minimal-schema message of <paramref name="sensorId"/> at <paramref name="at"/>.</summary>
    public static string ValidMinimal(string sensorId, DateTimeOffset at, params string[] objects) =>
        new JsonObject
        {
            ["sensorId"] = sensorId,
            ["@timestamp"] = Stamp(at),
            ["objects"] = new JsonArray([.. (objects.Length == 0 ? DefaultObjects : objects).Select(o => (JsonNode)o!)]),
        }.ToJsonString();

    /// <summary>
    /// Messages under the payload limit whose parsed form is about a megabyte (a huge messageid, large object
    /// attributes): they are accepted and go to their sensor grain as an Orleans message, which has no 1 MB limit
    /// like a Kafka record; the grain keeps none of those strings. They must neither stop a queue nor be refused.
    /// </summary>
    public static IReadOnlyList<FaultCase> LargeAccepted(DateTimeOffset now)
    {
        var id = JsonNode.Parse(Samples(now)[0])!.AsObject();
        id["messageid"] = new string('m', 1_000_000);
        var attributes = ValidMinimal(MinimalSensorId, now, [.. Enumerable.Range(0, 200).Select(i => $"{i}|10|20|110|220|person|#|{new string('a', 5_000)}")]);
        var escaped = ValidMinimal(MinimalSensorId, now, [.. Enumerable.Range(0, 100).Select(i => $"{i}|10|20|110|220|person|#|{new string('<', 3_000)}")]).Replace("\\u003C", "<", StringComparison.Ordinal);
        return
        [
            new("1 MB messageid", Encoding.UTF8.GetBytes(id.ToJsonString()), null),
            new("200 objects with 5 kB attributes", Encoding.UTF8.GetBytes(attributes), null),
            new("attributes that grow when escaped", Encoding.UTF8.GetBytes(escaped), null),
        ];
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private void Add(string name, string json, string? reason) => cases.Add(new FaultCase(name, Encoding.UTF8.GetBytes(json), reason));

    private void Add(string name, byte[] bytes, string? reason) => cases.Add(new FaultCase(name, bytes, reason));

    private JsonObject Full(int sample = 0) => JsonNode.Parse(samples[sample])!.AsObject();

    private string Minimal(params string[] objects) => ValidMinimal(MinimalSensorId, now, objects);

    /// <summary>Every sample cut at fixed and seeded offsets: JSON that ends early.</summary>
    private void Truncations(int perSample)
    {
        for (var s = 0; s < samples.Count; s++)
        {
            var bytes = Encoding.UTF8.GetBytes(samples[s]);
            var offsets = new SortedSet<int> { 0, 1, bytes.Length / 2, bytes.Length - 1 };
            while (offsets.Count < 4 + perSample)
            {
                offsets.Add(random.Next(2, bytes.Length - 1));
            }

            foreach (var offset in offsets)
            {
                Add($"truncated sample {s} at {offset}", bytes[..offset], R.NotJson);
            }
        }
    }

    /// <summary>Each field of a full sample replaced by a value of every other JSON type, and removed.</summary>
    private void WrongTypes()
    {
        JsonNode?[] values = [42, "text", true, null, new JsonArray(1, 2), new JsonObject { ["x"] = 1 }];
        foreach (var path in Paths(Full(), ""))
        {
            var original = Lookup(Full(), path)?.GetValueKind() ?? JsonValueKind.Null;
            foreach (var value in values)
            {
                var kind = value?.GetValueKind() ?? JsonValueKind.Null;
                if (kind == original || (kind is JsonValueKind.True && original is JsonValueKind.False))
                {
                    continue;
                }

                var message = Full();
                Set(message, path, value?.DeepClone());
                Add($"{path} as {kind}", message.ToJsonString(), DeepStreamFieldOracle.Expect(path, kind));
            }

            var without = Full();
            Remove(without, path);
            Add($"{path} removed", without.ToJsonString(), DeepStreamFieldOracle.Expect(path, JsonValueKind.Undefined));
        }
    }

    private void NotObjects()
    {
        foreach (var text in new[] { "", " ", "\n\t", "{", "}", "{}}", "{\"a\":1}{\"b\":2}", "\0", "garbage" })
        {
            Add($"root '{Printable(text)}'", text, R.NotJson);
        }

        foreach (var text in new[] { "null", "true", "42", "\"sensor\"", "[]", "[{}]" })
        {
            Add($"root '{Printable(text)}'", text, R.NotAnObject);
        }

        Add("empty object", "{}", R.UnknownSchema);
        Add("neither schema", """{"foo":1,"bar":[1,2]}""", R.UnknownSchema);
        Add("single-quoted JSON", Full().ToJsonString().Replace('"', '\''), R.NotJson);
        Add("JSON with comments", "/* c */" + Full().ToJsonString(), R.NotJson);
        Add("trailing comma", Full().ToJsonString()[..^1] + ",}", R.NotJson);
        Add("UTF-16 encoded", Encoding.Unicode.GetBytes(samples[0]), R.NotJson);
        Add("UTF-8 BOM before the JSON", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(samples[0])], R.NotJson);
        var noise = new byte[4096];
        random.NextBytes(noise);
        noise[0] = 0xFF; // never a protobuf start: these bytes test the JSON path's UTF-8 check

        Add("random bytes", noise, R.NotUtf8);
    }

    /// <summary>Huge strings, huge arrays and payloads over the 1 MiB limit.</summary>
    private void Sizes()
    {
        var big = Full();
        big["place"]!["description"] = new string('x', 200_000);
        Add("200 kB string in an ignored field", big.ToJsonString(), null);

        var array = Full();
        array["place"]!["numbers"] = new JsonArray([.. Enumerable.Range(0, 100_000).Select(i => (JsonNode)i)]);
        Add("100k-element array in an ignored field", array.ToJsonString(), null);

        Add("1001 objects", Minimal([.. Enumerable.Range(0, 1001).Select(i => $"{i}|10|20|110|220|person")]), R.TooManyObjects);
        Add("40k objects", Minimal([.. Enumerable.Range(0, 40_000).Select(i => $"{i}|1|1|2|2|p")]), R.TooManyObjects);

        var over = Full();
        over["place"]!["description"] = new string('y', 1024 * 1024);
        Add("1 MiB + sample", over.ToJsonString(), R.TooLarge);
        var exactlyOver = new byte[(1024 * 1024) + 1];
        Array.Fill(exactlyOver, (byte)' ');
        Add("1 MiB + 1 of spaces", exactlyOver, R.TooLarge);
        var garbage = new byte[3 * 1024 * 1024];
        random.NextBytes(garbage);
        Add("3 MiB of random bytes", garbage, R.TooLarge);
    }

    private void Nesting()
    {
        foreach (var depth in new[] { 17, 64, 1_000, 100_000 })
        {
            var message = Full().ToJsonString();
            var nested = new string('[', depth) + new string(']', depth);
            Add($"array nesting {depth} in an ignored field", message.Insert(1, $"\"deep\":{nested},"), R.TooDeep);
        }

        var objects = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            objects.Append("{\"a\":");
        }

        objects.Append('1').Append('}', 40);
        Add("object nesting 40", Full().ToJsonString().Insert(1, $"\"deep\":{objects},"), R.TooDeep);
        Add("unclosed nesting 10000", new string('[', 10_000), R.TooDeep);
        Add("nesting 12 is within the limit", Full().ToJsonString().Insert(1, $"\"deep\":{new string('[', 12)}{new string(']', 12)},"), null);
    }

    private void NonFiniteNumbers()
    {
        foreach (var literal in new[] { "NaN", "Infinity", "-Infinity", "nan", "inf", "+1", "01", "1.", ".5", "1e", "0x10", "--1" })
        {
            Add($"bbox literal {literal}", Full().ToJsonString().Replace("\"topleftx\":251", $"\"topleftx\":{literal}", StringComparison.Ordinal), R.NotJson);
        }

        Add("bbox 1e400", Full().ToJsonString().Replace("\"topleftx\":251", "\"topleftx\":1e400", StringComparison.Ordinal), R.BadBoundingBox);
        Add("ignored 1e400", Full().ToJsonString().Replace("\"speed\":0.0", "\"speed\":1e400", StringComparison.Ordinal), null);
        Add("minimal NaN", Minimal("1|NaN|20|110|220|person"), R.BadBoundingBox);
        Add("minimal Infinity", Minimal("1|10|20|Infinity|220|person"), R.BadBoundingBox);
        Add("minimal -Infinity", Minimal("1|-Infinity|20|110|220|person"), R.BadBoundingBox);
        Add("minimal 1e400", Minimal("1|10|20|1e400|220|person"), R.BadBoundingBox);
    }

    /// <summary>Bytes that are not UTF-8, at seeded places inside a sample (inside strings, between tokens).</summary>
    private void BadUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(samples[1]);
        foreach (var bad in InvalidUtf8)
        {
            for (var i = 0; i < 3; i++)
            {
                var at = random.Next(1, bytes.Length - 1);
                Add($"invalid UTF-8 {Convert.ToHexString(bad)} at {at}", [.. bytes[..at], .. bad, .. bytes[at..]], R.NotUtf8);
            }

            var inString = Array.IndexOf(bytes, (byte)'H'); // the first letter of place.name
            Add($"invalid UTF-8 {Convert.ToHexString(bad)} inside a string", [.. bytes[..inString], .. bad, .. bytes[inString..]], R.NotUtf8);
        }
    }

    private void Duplicates()
    {
        var json = Full().ToJsonString();
        Add("duplicate sensor", json.Insert(1, "\"sensor\":{\"id\":\"other\"},"), R.DuplicateProperty);
        Add("duplicate @timestamp", json.Insert(1, $"\"@timestamp\":\"{Stamp(now)}\","), R.DuplicateProperty);
        Add("duplicate bbox coordinate", json.Replace("\"topleftx\":251", "\"topleftx\":251,\"topleftx\":9", StringComparison.Ordinal), R.DuplicateProperty);
        Add("duplicate key in an ignored object", json.Replace("\"place\":{", "\"place\":{\"id\":\"1\",", StringComparison.Ordinal), R.DuplicateProperty);
        Add("duplicate ignored root key", json.Insert(1, "\"videoPath\":\"a\","), R.DuplicateProperty);
        Add("duplicate sensorId (minimal)", Minimal().Insert(1, "\"sensorId\":\"x\","), R.DuplicateProperty);
        Add("same key differently escaped", json.Insert(1, "\"\\u0073ensor\":{\"id\":\"other\"},"), R.DuplicateProperty);
    }

    private void Timestamps()
    {
        (string Text, string Reason)[] stamps =
        [
            ("9999-12-31T23:59:59Z", R.TimestampOutOfRange), ("0001-01-01T00:00:00Z", R.TimestampOutOfRange),
            ("1970-01-01T00:00:00Z", R.TimestampOutOfRange), (Stamp(now.AddHours(1)), R.TimestampOutOfRange),
            (Stamp(now.AddDays(-8)), R.TimestampOutOfRange), (Stamp(now.AddYears(100)), R.TimestampOutOfRange),
            ("2021-13-45T99:99:99Z", R.BadTimestamp), (Stamp(now)[..^1], R.BadTimestamp), ("", R.BadTimestamp),
            ("yesterday", R.BadTimestamp), ("1627494799339", R.BadTimestamp), (Stamp(now) + new string('0', 40), R.BadTimestamp),
            (Stamp(now).Replace('T', ' '), R.BadTimestamp), ("+10000-01-01T00:00:00Z", R.BadTimestamp), ("2021-02-30T00:00:00Z", R.BadTimestamp),
            (Stamp(now).Replace("Z", "+25:00", StringComparison.Ordinal), R.BadTimestamp), ("\0", R.BadTimestamp),
        ];
        foreach (var (text, reason) in stamps)
        {
            var full = Full();
            full["@timestamp"] = text;
            Add($"@timestamp '{Printable(text)}'", full.ToJsonString(), reason);
        }

        var minimal = JsonNode.Parse(Minimal())!.AsObject();
        minimal["@timestamp"] = 1_627_494_799_339L;
        Add("minimal @timestamp as number", minimal.ToJsonString(), R.BadTimestamp);
    }

    private void BoundingBoxes()
    {
        (string Name, double Left, double Top, double Right, double Bottom)[] boxes =
        [
            ("inverted x", 317, 315, 251, 512), ("inverted y", 251, 512, 317, 315), ("zero width", 251, 315, 251, 512),
            ("zero height", 251, 315, 317, 315), ("negative", -10, 315, 317, 512), ("all negative", -50, -50, -10, -10),
            ("beyond 100000", 251, 315, 100_001, 512), ("1e300", 251, 315, 1e300, 512), ("tiny negative", -1e-9, 315, 317, 512),
        ];
        foreach (var (name, left, top, right, bottom) in boxes)
        {
            var full = Full();
            var bbox = full["object"]!["bbox"]!;
            bbox["topleftx"] = left;
            bbox["toplefty"] = top;
            bbox["bottomrightx"] = right;
            bbox["bottomrighty"] = bottom;
            Add($"bbox {name}", full.ToJsonString(), R.BadBoundingBox);
            Add($"minimal bbox {name}", Minimal(string.Create(CultureInfo.InvariantCulture, $"1|{left:R}|{top:R}|{right:R}|{bottom:R}|person")), R.BadBoundingBox);
        }
    }

    private void Ids()
    {
        (string Id, string? Reason)[] sensorIds =
        [
            ("", R.MissingSensorId), (new string('s', 257), R.MissingSensorId), (new string('s', 100_000), R.MissingSensorId),
            ("cam\0era", R.MissingSensorId), ("cam\nera", R.MissingSensorId), ("\u0007", R.MissingSensorId),
            (new string('s', 256), null), ("../../etc/passwd", null), ("'; DROP TABLE grain_state;--", null), ("カメラ🎥", null),
        ];
        foreach (var (id, reason) in sensorIds)
        {
            var full = Full();
            full["sensor"]!["id"] = id;
            Add($"sensor.id '{Printable(id)}'", full.ToJsonString(), reason);
            var minimal = JsonNode.Parse(Minimal())!.AsObject();
            minimal["sensorId"] = id;
            Add($"sensorId '{Printable(id)}'", minimal.ToJsonString(), reason);
        }

        foreach (var (id, reason) in new (string, string?)[] { ("", R.MissingObjectId), (new string('o', 300), R.MissingObjectId), ("o\0", R.MissingObjectId) })
        {
            var full = Full();
            full["object"]!["id"] = id;
            Add($"object.id '{Printable(id)}'", full.ToJsonString(), reason);
        }
    }

    /// <summary>
    /// Odd text: NUL characters and long names are accepted and travel on to the grains and PostgreSQL (which must
    /// not stop on them); an escaped lone surrogate in a string ingress reads is not Unicode text and is refused.
    /// </summary>
    private void OddAcceptedText()
    {
        Add("minimal object id with NUL", Minimal("a\0b|10|20|110|220|person"), null);
        Add("minimal label with NUL", Minimal("1|10|20|110|220|per\0son"), null);
        Add("minimal attributes with NUL and a lone surrogate", Minimal("1|10|20|110|220|person|#|aXb").Replace("aXb", "a\\u0000\\ud800b", StringComparison.Ordinal), R.NotJson);
        Add("sensorId with a lone surrogate", Minimal().Replace(MinimalSensorId, "lone-\\ud800-sensor", StringComparison.Ordinal), R.NotJson);
        Add("full class name with NUL", Full().ToJsonString().Replace("\"Person\":{}", "\"Per\\u0000son\":{}", StringComparison.Ordinal), null);
        Add("full class name of 10000 characters", Full().ToJsonString().Replace("\"Person\":{}", $"\"{new string('P', 10_000)}\":{{}}", StringComparison.Ordinal), null);
        Add("full attributes with a lone surrogate", Full().ToJsonString().Replace("\"Person\":{}", "\"Person\":{\"x\":\"\\ud800\"}", StringComparison.Ordinal), null);
    }

    /// <summary>Minimal-schema `objects` strings whose fields are wrong.</summary>
    private void MinimalObjects()
    {
        (string Text, string? Reason)[] objects =
        [
            ("", R.BadObject), ("1|10|20|110|220", R.BadObject), ("1|10|20|110|220|person|extra", R.BadObject), ("|||||", R.MissingObjectId),
            ("|10|20|110|220|person", R.MissingObjectId), (new string('i', 257) + "|10|20|110|220|person", R.MissingObjectId),
            ("1|x|20|110|220|person", R.BadBoundingBox), ("1|10|20|110||person", R.BadBoundingBox), ("1|10|20|110|220|", R.BadObject),
            ("1|10|20|110|220|" + new string('l', 65), R.BadObject), ("1|10,5|20|110|220|person", R.BadBoundingBox),
            ("1|10|20|110|220|person|#|", null), ("1|10|20|110|220|person|#|color=red|#|more", null), ("|#|", R.BadObject),
            ("1|1e2|20|110|220|person", null), ("1| 10|20|110|220|person", null),
        ];
        foreach (var (text, reason) in objects)
        {
            Add($"minimal object '{Printable(text)}'", Minimal("2|10|20|110|220|person", text), reason);
        }

        foreach (var value in new JsonNode?[] { 42, "1|10|20|110|220|person", true, null, new JsonObject() })
        {
            var minimal = JsonNode.Parse(Minimal())!.AsObject();
            minimal["objects"] = value?.DeepClone();
            Add($"objects as {value?.GetValueKind() ?? JsonValueKind.Null}", minimal.ToJsonString(), R.WrongType);
        }

        foreach (var value in new JsonNode?[] { 42, true, null, new JsonObject(), new JsonArray("1|10|20|110|220|person") })
        {
            var minimal = JsonNode.Parse(Minimal())!.AsObject();
            minimal["objects"] = new JsonArray(value?.DeepClone());
            Add($"objects[0] as {value?.GetValueKind() ?? JsonValueKind.Null}", minimal.ToJsonString(), R.WrongType);
        }

        var noSensor = JsonNode.Parse(Minimal())!.AsObject();
        noSensor.Remove("sensorId");
        Add("minimal without sensorId", noSensor.ToJsonString(), R.MissingSensorId);
        var noObjects = JsonNode.Parse(Minimal())!.AsObject();
        noObjects.Remove("objects");
        Add("minimal without objects", noObjects.ToJsonString(), null);
    }

    private static IEnumerable<string> Paths(JsonNode node, string prefix)
    {
        if (node is not JsonObject obj)
        {
            yield break;
        }

        foreach (var (name, child) in obj)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return path;
            if (child is not null)
            {
                foreach (var nested in Paths(child, path))
                {
                    yield return nested;
                }
            }
        }
    }

    private static JsonNode? Lookup(JsonNode root, string path) =>
        path.Split('.').Aggregate((JsonNode?)root, (node, name) => node?[name]);

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var (parent, name) = Parent(root, path);
        parent[name] = value;
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, name) = Parent(root, path);
        parent.Remove(name);
    }

    // Paths split on '.', which no sample key contains ("@timestamp" has none).
    private static (JsonObject Parent, string Name) Parent(JsonObject root, string path)
    {
        var at = path.LastIndexOf('.');
        return at < 0 ? (root, path) : (Lookup(root, path[..at])!.AsObject(), path[(at + 1)..]);
    }

    private static string Printable(string text)
    {
        var shown = text.Length > 24 ? $"{text[..24]}…({text.Length})" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
