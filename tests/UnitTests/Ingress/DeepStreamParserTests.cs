using Microsoft.Extensions.Time.Testing;
using System.Text;
using Platform.Grains.Interfaces.Messages;
using Platform.Silo.Ingress;

namespace Platform.UnitTests.Ingress;

public sealed class DeepStreamParserTests
{
    private static readonly DateTimeOffset Now = new(2021, 7, 28, 17, 55, 0, TimeSpan.Zero);
    private readonly DeepStreamParser parser = new(new IngressLimits(), new FakeTimeProvider(Now));

    public static TheoryData<string> SampleLines() => [.. File.ReadAllLines(SamplePath("events-full.jsonl"))];

    [Theory]
    [MemberData(nameof(SampleLines))]
    public void Every_real_full_schema_sample_parses(string line)
    {
        var detection = Parse(line);

        Assert.StartsWith("HWY_20_AND_LOCUST__EBA", detection.SensorId.Value, StringComparison.Ordinal);
        Assert.Equal("entry", detection.EventType);
        Assert.Single(detection.Objects);
        Assert.Contains(detection.Objects[0].Label, new[] { "Person", "Car" });
    }

    [Fact]
    public void Full_schema_fields_map_to_the_normalized_detection()
    {
        var detection = Parse(File.ReadLines(SamplePath("events-full.jsonl")).First());

        Assert.Equal(new DateTimeOffset(2021, 7, 28, 17, 53, 19, 339, TimeSpan.Zero), detection.Timestamp);
        Assert.Equal("c332e7f2-e4a1-4913-94ec-4573a134e2f8", detection.DeviceMessageId);
        var person = detection.Objects[0];
        Assert.Equal(("13103", "Person", 251d, 315d, 317d, 512d), (person.TrackingId, person.Label, person.Left, person.Top, person.Right, person.Bottom));
        Assert.Null(person.Attributes);
        Assert.Null(person.Confidence);
    }

    [Fact]
    public void Vehicle_attributes_and_confidence_are_kept()
    {
        var detection = Parse("""
            {"@timestamp":"2021-07-28T17:53:19.339+02:00","sensor":{"id":"gate"},"object":{"id":"7","confidence":0.92,
             "Vehicle":{"type":"sedan","color":"blue","license":"XX1234"},
             "bbox":{"topleftx":10,"toplefty":20,"bottomrightx":110,"bottomrighty":90}},"event":{"type":"Moving"},"unknown":[1,2]}
            """);

        var car = detection.Objects[0];
        Assert.Equal("Vehicle", car.Label);
        Assert.Equal(0.92, car.Confidence);
        Assert.Contains("XX1234", car.Attributes, StringComparison.Ordinal);
        Assert.Equal("moving", detection.EventType);
        Assert.Equal(new DateTimeOffset(2021, 7, 28, 15, 53, 19, 339, TimeSpan.Zero), detection.Timestamp);
    }

    [Fact]
    public void Minimal_schema_gives_one_detection_with_many_objects_and_attributes()
    {
        var detection = Parse("""
            {"version":"4.0","id":"frame-77","@timestamp":"2021-07-28T17:53:19Z","sensorId":"dock",
             "objects":["957|1834|150|1918|215|Vehicle|#|sedan|Bugatti|M|blue|CA 444|California|0.8","12|5.5|6|50|80.25|Person"]}
            """);

        Assert.Equal("dock", detection.SensorId.Value);
        Assert.Null(detection.EventType);
        Assert.Equal("frame-77", detection.DeviceMessageId);
        Assert.Equal(2, detection.Objects.Count);
        Assert.Equal(("957", "Vehicle", "sedan|Bugatti|M|blue|CA 444|California|0.8"), (detection.Objects[0].TrackingId, detection.Objects[0].Label, detection.Objects[0].Attributes));
        Assert.Equal((5.5, 6d, 50d, 80.25), (detection.Objects[1].Left, detection.Objects[1].Top, detection.Objects[1].Right, detection.Objects[1].Bottom));
    }

    [Fact]
    public void Minimal_schema_with_no_objects_is_an_empty_frame() =>
        Assert.Empty(Parse("""{"@timestamp":"2021-07-28T17:53:19.1234567891Z","sensorId":"dock","objects":[]}""").Objects);

    [Theory]
    [InlineData("2021-07-28T17:53:19Z")]
    [InlineData("2021-07-28T17:53Z")]
    [InlineData("2021-07-28T17:53:19.3Z")]
    [InlineData("2021-07-28T17:53:19.123456789Z")]
    [InlineData("2021-07-28T19:53:19.339+02:00")]
    [InlineData("2021-07-28T12:53:19-0500")]
    public void Timestamps_of_any_iso_precision_and_offset_are_read(string timestamp)
    {
        var detection = Parse($$"""{"@timestamp":"{{timestamp}}","sensorId":"s","objects":[]}""");

        Assert.Equal(TimeSpan.Zero, detection.Timestamp.Offset);
        Assert.InRange(detection.Timestamp, Now.AddMinutes(-3), Now);
    }

    [Theory]
    [InlineData("not json at all", DeadLetterReason.NotJson)]
    [InlineData("", DeadLetterReason.NotJson)]
    [InlineData("[1,2,3]", DeadLetterReason.NotAnObject)]
    [InlineData("\"sensor\"", DeadLetterReason.NotAnObject)]
    [InlineData("null", DeadLetterReason.NotAnObject)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"a","sensorId":"b","objects":[]}""", DeadLetterReason.DuplicateProperty)]
    [InlineData("""{"hello":"world"}""", DeadLetterReason.UnknownSchema)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","objects":[]}""", DeadLetterReason.MissingSensorId)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"","objects":[]}""", DeadLetterReason.MissingSensorId)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":42,"objects":[]}""", DeadLetterReason.WrongType)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":"12|1|2|3|4|Person"}""", DeadLetterReason.WrongType)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":[7]}""", DeadLetterReason.WrongType)]
    [InlineData("""{"sensorId":"s","objects":[]}""", DeadLetterReason.BadTimestamp)]
    [InlineData("""{"@timestamp":"07/28/2021 17:53","sensorId":"s","objects":[]}""", DeadLetterReason.BadTimestamp)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19","sensorId":"s","objects":[]}""", DeadLetterReason.BadTimestamp)]
    [InlineData("""{"@timestamp":"2021-02-30T17:53:19Z","sensorId":"s","objects":[]}""", DeadLetterReason.BadTimestamp)]
    [InlineData("""{"@timestamp":1627494799,"sensorId":"s","objects":[]}""", DeadLetterReason.BadTimestamp)]
    [InlineData("""{"@timestamp":"1970-01-01T00:00:00Z","sensorId":"s","objects":[]}""", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("""{"@timestamp":"2099-01-01T00:00:00Z","sensorId":"s","objects":[]}""", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["12|1|2|3|Person"]}""", DeadLetterReason.BadObject)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["|1|2|3|4|Person"]}""", DeadLetterReason.MissingObjectId)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["12|1|2|3|4|"]}""", DeadLetterReason.BadObject)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["12|x|2|3|4|Person"]}""", DeadLetterReason.BadBoundingBox)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["12|NaN|2|3|4|Person"]}""", DeadLetterReason.BadBoundingBox)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["12|-5|2|3|4|Person"]}""", DeadLetterReason.BadBoundingBox)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["12|30|2|10|4|Person"]}""", DeadLetterReason.BadBoundingBox)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["12|1|2|3|1e9|Person"]}""", DeadLetterReason.BadBoundingBox)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensor":{"id":"s"},"object":{"id":"1","Person":{}}}""", DeadLetterReason.BadBoundingBox)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensor":{"id":"s"},"object":{"id":"1","bbox":{"topleftx":"1","toplefty":2,"bottomrightx":3,"bottomrighty":4}}}""", DeadLetterReason.BadBoundingBox)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensor":{"id":"s"},"object":{"bbox":{"topleftx":1,"toplefty":2,"bottomrightx":3,"bottomrighty":4}}}""", DeadLetterReason.MissingObjectId)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensor":"s","object":{}}""", DeadLetterReason.WrongType)]
    [InlineData("""{"@timestamp":"2021-07-28T17:53:19Z","sensor":{"id":"s"},"object":{"id":"1","bbox":{"topleftx":1,"toplefty":2,"bottomrightx":3,"bottomrighty":4}},"event":{"type":5}}""", DeadLetterReason.WrongType)]
    public void Bad_input_is_refused_with_its_reason(string json, DeadLetterReason reason)
    {
        var accepted = parser.TryParse(Encoding.UTF8.GetBytes(json), out _, out var rejection);

        Assert.False(accepted);
        Assert.Equal(reason, rejection!.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
    }

    [Fact]
    public void Invalid_utf8_is_named_with_its_bytes_and_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"XX","objects":[]}""");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3; // a lead byte without its continuation

        Assert.False(parser.TryParse(bytes, out _, out var rejection));
        Assert.Equal(DeadLetterReason.NotUtf8, rejection!.Reason);
        Assert.Equal($"bytes 0xC358 at offset {at} are not UTF-8", rejection.Detail);
    }

    [Fact]
    public void Payload_cut_inside_a_utf8_sequence_says_so()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"sensorId\":\"caf"), 0xC3];

        Assert.False(parser.TryParse(bytes, out _, out var rejection));
        Assert.Equal(DeadLetterReason.NotUtf8, rejection!.Reason);
        Assert.Equal($"the message ends inside a UTF-8 sequence: bytes 0xC3 at offset {bytes.Length - 1}", rejection.Detail);
    }

    [Fact]
    public void A_json_array_is_quoted_in_the_reason()
    {
        Assert.False(parser.TryParse(Encoding.UTF8.GetBytes("[1, 2, 3]"), out _, out var rejection));

        Assert.Equal("the message is a JSON array ([1, 2, 3]), not an object", rejection!.Detail);
    }

    [Theory]
    [InlineData("12|1|2|3|Person", "objects[0] '12|1|2|3|Person' has 5 '|'-separated fields, expected 6: id|left|top|right|bottom|label")]
    [InlineData("12|1|2|Person|#|red", "objects[0] '12|1|2|Person|#|red' has 4 '|'-separated fields before its '|#|' attributes, expected 6: id|left|top|right|bottom|label")]
    public void A_bad_minimal_object_is_quoted_and_names_only_the_separators_it_has(string text, string detail)
    {
        var json = $$"""{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["{{text}}"]}""";

        Assert.False(parser.TryParse(Encoding.UTF8.GetBytes(json), out _, out var rejection));

        Assert.Equal(DeadLetterReason.BadObject, rejection!.Reason);
        Assert.Equal(detail, rejection.Detail);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_costs_anything()
    {
        var json = """{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":[],"x":""" + new string('[', 500) + new string(']', 500) + "}";

        Assert.False(parser.TryParse(Encoding.UTF8.GetBytes(json), out _, out var rejection));
        Assert.Equal(DeadLetterReason.TooDeep, rejection!.Reason);
    }

    [Fact]
    public void Oversized_payloads_and_too_many_objects_are_refused()
    {
        var small = new DeepStreamParser(new IngressLimits { MaxPayloadBytes = 100, MaxObjects = 2 }, new FakeTimeProvider(Now));
        var big = new byte[101];
        var many = """{"@timestamp":"2021-07-28T17:53:19Z","sensorId":"s","objects":["1|1|1|2|2|A","2|1|1|2|2|A","3|1|1|2|2|A"]}""";

        Assert.False(small.TryParse(big, out _, out var tooLarge));
        Assert.Equal(DeadLetterReason.TooLarge, tooLarge!.Reason);
        Assert.False(new DeepStreamParser(new IngressLimits { MaxObjects = 2 }, new FakeTimeProvider(Now)).TryParse(Encoding.UTF8.GetBytes(many), out _, out var tooMany));
        Assert.Equal(DeadLetterReason.TooManyObjects, tooMany!.Reason);
    }

    private DetectionReceived Parse(string json)
    {
        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(json), out var detection, out var rejection), rejection?.ToString());
        return detection;
    }

    private static string SamplePath(string name) =>
        Path.Combine(Platform.LocalInfra.RepositoryPaths.FindRepositoryRoot(), "..", "shared", "samples", "deepstream", name);
}
