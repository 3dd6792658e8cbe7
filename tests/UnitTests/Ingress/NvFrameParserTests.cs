using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;
using System.Text;
using Platform.Grains.Interfaces.Messages;
using Platform.Messaging.DeepStream;
using Platform.Silo.Ingress;
using Platform.Simulator.Messages;
using Platform.Simulator.Model;
using NvObject = Platform.Messaging.DeepStream.Object;

namespace Platform.UnitTests.Ingress;

/// <summary>DeepStream's protobuf payload (nv.Frame) through the silo's parser: the same detections as JSON, and clear refusals.</summary>
public sealed class NvFrameParserTests
{
    private static readonly DateTimeOffset Now = new(2021, 7, 28, 17, 55, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At = new(2021, 7, 28, 17, 53, 19, 339, TimeSpan.Zero);
    private readonly DeepStreamParser parser = new(new IngressLimits(), new FakeTimeProvider(Now));

    [Fact]
    public void Frame_fields_map_to_the_detection_the_JSON_schemas_give()
    {
        var frame = Frame(new NvObject
        {
            Id = "13103", Type = "Vehicle", Confidence = 0.92f,
            Bbox = new Bbox { LeftX = 251.37f, TopY = 315, RightX = 317.5f, BottomY = 512.01f },
            Info = { ["make"] = "Ford", ["color"] = "blue" },
        });
        frame.Id = "frame-7";

        var detection = Parse(frame.ToByteArray());

        Assert.Equal(("HWY_20", At, "frame-7", (string?)null), (detection.SensorId.Value, detection.Timestamp, detection.DeviceMessageId, detection.EventType));
        var car = Assert.Single(detection.Objects);
        // The decimals the device meant, not the floats' binary neighbours (251.37f is 251.3699951171875).
        Assert.Equal(("13103", "Vehicle", 251.37, 315d, 317.5, 512.01, 0.92), (car.TrackingId, car.Label, car.Left, car.Top, car.Right, car.Bottom, car.Confidence));
        Assert.Equal("""{"color":"blue","make":"Ford"}""", car.Attributes);
    }

    [Fact]
    public void One_frame_as_JSON_minimal_JSON_full_and_protobuf_gives_the_same_objects_time_and_sensor()
    {
        var frame = new SimulatedFrame("gate-3", At, [
            SimulatedObject.StandingAt("7", "Person", 640.25, 700.5, 80, 200, 0.875),
            SimulatedObject.StandingAt("8", "Vehicle", 1210.33, 1000.07, 300.5, 180.25, 0.6)]);

        var minimal = ParseAll(frame, DeepStreamSchema.Minimal);
        var full = ParseAll(frame, DeepStreamSchema.Full);
        var protobuf = ParseAll(frame, DeepStreamSchema.Protobuf);

        Assert.Equal(Shape(minimal), Shape(protobuf));
        Assert.Equal(Shape(full), Shape(protobuf));
        // Confidence: the minimal schema has none; full and protobuf carry the same.
        Assert.Equal(full.SelectMany(d => d.Objects).Select(o => o.Confidence), protobuf.SelectMany(d => d.Objects).Select(o => o.Confidence));
    }

    [Fact]
    public void Auto_tells_protobuf_from_JSON_by_the_first_bytes_and_each_format_setting_reads_only_its_own()
    {
        var protobuf = Frame(Person()).ToByteArray();
        var json = Encoding.UTF8.GetBytes("""{"@timestamp":"2021-07-28T17:53:19.339Z","sensorId":"HWY_20","objects":["1|10|20|110|220|Person"]}""");
        byte[] jsonAfterNewline = [(byte)'\n', .. json];

        Assert.Equal(0x0A, protobuf[0]); // version first, as DeepStream writes it
        Assert.True(DeepStreamFormats.LooksLikeProtobuf(protobuf));
        Assert.False(DeepStreamFormats.LooksLikeProtobuf(json));
        Assert.False(DeepStreamFormats.LooksLikeProtobuf(jsonAfterNewline));
        Assert.True(DeepStreamFormats.LooksLikeProtobuf(new Frame { Id = "1", SensorId = "s" }.ToByteArray())); // no version: 0x12
        Assert.True(DeepStreamFormats.LooksLikeProtobuf(new Frame { Timestamp = new Timestamp { Seconds = 1 } }.ToByteArray())); // 0x1A
        Assert.True(DeepStreamFormats.LooksLikeProtobuf(new Frame { Objects = { Person() } }.ToByteArray())); // 0x2A
        Assert.Equal("HWY_20", Parse(protobuf).SensorId.Value);
        Assert.Equal("HWY_20", Parse(jsonAfterNewline).SensorId.Value);

        var jsonOnly = new DeepStreamParser(new IngressLimits(), new FakeTimeProvider(Now), DeepStreamFormat.Json);
        var protobufOnly = new DeepStreamParser(new IngressLimits(), new FakeTimeProvider(Now), DeepStreamFormat.Protobuf);
        Assert.False(jsonOnly.TryParse(protobuf, out _, out var asJson));
        Assert.Equal(DeadLetterReason.NotUtf8, asJson!.Reason); // the float bytes of the box are not UTF-8
        Assert.False(protobufOnly.TryParse(json, out _, out var asProtobuf));
        Assert.Equal(DeadLetterReason.NotProtobuf, asProtobuf!.Reason);
        Assert.True(protobufOnly.TryParse(protobuf, out _, out _));
    }

    [Fact]
    public void A_frame_whose_version_is_32_characters_or_longer_needs_the_protobuf_setting()
    {
        var frame = Frame(Person());
        frame.Version = new string('v', 32);

        Assert.False(DeepStreamFormats.LooksLikeProtobuf(frame.ToByteArray()));
        Assert.True(new DeepStreamParser(new IngressLimits(), new FakeTimeProvider(Now), DeepStreamFormat.Protobuf).TryParse(frame.ToByteArray(), out _, out _));
    }

    [Fact]
    public void Wire_errors_say_which_field_and_byte_and_what_DeepStreams_schema_expects()
    {
        var bytes = Frame(Person()).ToByteArray();

        Assert.Equal("not an nv.Frame: sensorId (field 4) has wire type varint at byte " + bytes.Length + ", DeepStream's schema gives it length-delimited",
            Refusal([.. bytes, 0x20, 0x07], DeadLetterReason.NotProtobuf));
        var objectsAt = bytes.Length - Person().CalculateSize() - 2;
        Assert.Equal($"not an nv.Frame: objects (field 5): {Person().CalculateSize()} bytes at byte {objectsAt + 2} run past the end of the record "
            + $"({Person().CalculateSize() - 2} bytes left): the record is cut short or a length is wrong", Refusal(bytes[..^2], DeadLetterReason.NotProtobuf));
    }

    [Fact]
    public void Value_errors_name_the_protobuf_field()
    {
        var noSensor = Frame(Person());
        noSensor.SensorId = "";
        var noTimestamp = Frame(Person());
        noTimestamp.Timestamp = null;
        var badNanos = Frame(Person());
        badNanos.Timestamp.Nanos = 1_000_000_000;
        var noType = Frame(Person());
        noType.Objects[0].Type = "";

        Assert.Equal("sensorId (field 4) must be 1 to 256 printable characters", Refusal(noSensor.ToByteArray(), DeadLetterReason.MissingSensorId));
        Assert.Equal("timestamp (field 3) is missing", Refusal(noTimestamp.ToByteArray(), DeadLetterReason.BadTimestamp));
        Assert.StartsWith("timestamp (field 3) 1627494799 s + 1000000000 ns is not a time", Refusal(badNanos.ToByteArray(), DeadLetterReason.BadTimestamp), StringComparison.Ordinal);
        Assert.StartsWith("objects[0].type '' must be 1 to 64 characters", Refusal(noType.ToByteArray(), DeadLetterReason.BadObject), StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_beyond_the_limit_are_refused_before_any_is_built()
    {
        var frame = Frame([.. Enumerable.Range(0, 3).Select(i => Person($"{i}"))]);
        var small = new DeepStreamParser(new IngressLimits { MaxObjects = 2 }, new FakeTimeProvider(Now));

        Assert.False(small.TryParse(frame.ToByteArray(), out _, out var rejection));
        Assert.Equal((DeadLetterReason.TooManyObjects, "more than 2 objects, the limit"), (rejection!.Reason, rejection.Detail));
    }

    private static NvObject Person(string id = "1") =>
        new() { Id = id, Type = "Person", Confidence = 0.5f, Bbox = new Bbox { LeftX = 10, TopY = 20, RightX = 110, BottomY = 220 } };

    private static Frame Frame(params NvObject[] objects) => new()
    {
        Version = "4.0",
        Id = "1",
        Timestamp = Timestamp.FromDateTimeOffset(At),
        SensorId = "HWY_20",
        Objects = { objects },
    };

    private static IEnumerable<(string, DateTimeOffset, string, string, double, double, double, double)> Shape(IEnumerable<DetectionReceived> detections) =>
        detections.SelectMany(d => d.Objects.Select(o => (d.SensorId.Value, d.Timestamp, o.TrackingId, o.Label, o.Left, o.Top, o.Right, o.Bottom)));

    private List<DetectionReceived> ParseAll(SimulatedFrame frame, DeepStreamSchema schema) =>
        [.. DeepStreamMessageWriter.Write(frame, schema).Select(m => Parse(m.Payload))];

    private DetectionReceived Parse(byte[] payload)
    {
        Assert.True(parser.TryParse(payload, out var detection, out var rejection), rejection?.ToString());
        return detection;
    }

    private string Refusal(byte[] payload, DeadLetterReason reason)
    {
        Assert.False(parser.TryParse(payload, out _, out var rejection));
        Assert.Equal(reason, rejection!.Reason);
        return rejection.Detail;
    }
}
