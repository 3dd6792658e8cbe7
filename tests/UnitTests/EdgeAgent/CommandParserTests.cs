using System.Text;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;

namespace Platform.UnitTests.EdgeAgent;

public sealed class CommandParserTests
{
    // A line of /work/shared/samples/deepstream/svr-commands.jsonl: DeepStream's message with no other field.
    private const string DeepStream =
        """{"command":"start-recording","start":"2021-07-28T17:53:18.805Z","end":"2021-07-28T17:53:21.805Z","sensor":{"id":"HWY_20_AND_LOCUST__EBA__4_11_2018_4_59_59_508_AM_UTC-07_00"}}""";

    private static CommandParseResult Parse(string json) => CommandParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_bare_DeepStream_message_is_a_command()
    {
        var command = Parse(DeepStream).Command!;

        Assert.Equal(SmartRecordCommand.StartRecording, command.Command);
        Assert.Equal(DateTimeOffset.Parse("2021-07-28T17:53:18.805Z", System.Globalization.CultureInfo.InvariantCulture), command.Start);
        Assert.Equal("HWY_20_AND_LOCUST__EBA__4_11_2018_4_59_59_508_AM_UTC-07_00", command.Sensor.Id);
        Assert.Null(command.CommandId);
        Assert.Null(command.SessionId);
        Assert.Null(command.CameraId);
    }

    [Fact]
    public void A_live_view_command_is_told_apart_by_its_name_and_read_whole()
    {
        var parsed = Parse("""{"command":"start-live","cameraId":"cam1","streamId":"0f3a9c","leaseUntil":"2026-12-07T10:00:30.000Z"}""");

        Assert.Null(parsed.Command);
        Assert.Null(parsed.Reason);
        Assert.Equal((LiveViewCommand.StartLive, "cam1", "0f3a9c"), (parsed.Live!.Command, parsed.Live.CameraId.Value, parsed.Live.StreamId));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 0, 30, TimeSpan.Zero), parsed.Live.LeaseUntil);
    }

    [Theory]
    [InlineData("""{"command":"start-live","cameraId":"cam1","streamId":"../../etc","leaseUntil":"2026-12-07T10:00:30.000Z"}""", "streamId '../../etc' is not 1-64 letters")]
    [InlineData("""{"command":"stop-live","cameraId":"","streamId":"abc","leaseUntil":"2026-12-07T10:00:30.000Z"}""", "cameraId is missing or empty")]
    [InlineData("""{"command":"start-live","cameraId":"cam1","leaseUntil":"2026-12-07T10:00:30.000Z"}""", "streamId")]
    public void A_bad_live_view_command_is_malformed_and_says_why(string json, string detail)
    {
        var parsed = Parse(json);

        Assert.Null(parsed.Live);
        Assert.Equal(BadCommandReason.Malformed, parsed.Reason);
        Assert.Contains(detail, parsed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_optional_fields_are_read_and_unknown_fields_ignored()
    {
        var command = Parse("""
            {"command":"stop-recording","start":"2026-01-01T00:00:00.000Z","end":"2026-01-01T00:00:05.000Z",
             "sensor":{"id":"s1"},"commandId":"c-1","sessionId":"sess-1","cameraId":"cam1","somethingNew":[1,2]}
            """).Command!;

        Assert.Equal("c-1", command.CommandId!.Value.Value);
        Assert.Equal("sess-1", command.SessionId!.Value.Value);
        Assert.Equal("cam1", command.CameraId!.Value.Value);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"command\":")]
    [InlineData("")]
    public void Not_json_is_told_apart(string payload) =>
        Assert.Equal(BadCommandReason.NotJson, Parse(payload).Reason);

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("""{"command":"start-recording","end":"2026-01-01T00:00:05.000Z","sensor":{"id":"s1"}}""")]
    [InlineData("""{"command":"start-recording","start":"yesterday","end":"2026-01-01T00:00:05.000Z","sensor":{"id":"s1"}}""")]
    [InlineData("""{"command":"start-recording","start":"2026-01-01T00:00:00.000Z","end":"2026-01-01T00:00:05.000Z"}""")]
    [InlineData("""{"command":"start-recording","start":"2026-01-01T00:00:00.000Z","end":"2026-01-01T00:00:05.000Z","sensor":{"id":""}}""")]
    public void Json_of_the_wrong_shape_is_malformed(string payload) =>
        Assert.Equal(BadCommandReason.Malformed, Parse(payload).Reason);

    [Fact]
    public void An_unknown_command_word_is_rejected() =>
        Assert.Equal(BadCommandReason.UnknownCommand,
            Parse("""{"command":"format-disk","start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:00:05Z","sensor":{"id":"s"}}""").Reason);

    [Fact]
    public void Camera_is_found_by_id_by_sensor_alias_and_by_camera_id_first()
    {
        var lobby = new CameraOptions { Id = "lobby", Source = "rtsp://x/1" };
        lobby.SensorIds.Add("HWY_20_AND_LOCUST__EBA__4_11_2018_4_59_59_508_AM_UTC-07_00");
        var door = new CameraOptions { Id = "door", Source = "rtsp://x/2" };
        var directory = new CameraDirectory([lobby, door]);

        Assert.Same(lobby, directory.Resolve(Parse(DeepStream).Command!));
        Assert.Same(door, directory.Resolve(Command(sensor: "door")));
        Assert.Same(door, directory.Resolve(Command(sensor: "lobby", cameraId: "door")));
        Assert.Null(directory.Resolve(Command(sensor: "elsewhere")));
        // cameraId, when given, must be ours: a sensor alias does not rescue it.
        Assert.Null(directory.Resolve(Command(sensor: "lobby", cameraId: "not-ours")));
    }

    private static SmartRecordCommand Command(string sensor, string? cameraId = null) => new()
    {
        Command = SmartRecordCommand.StartRecording,
        Start = DateTimeOffset.UnixEpoch,
        End = DateTimeOffset.UnixEpoch.AddSeconds(1),
        Sensor = new SmartRecordSensor { Id = sensor },
        CameraId = cameraId is null ? null : Platform.Grains.Interfaces.Ids.CameraId.From(cameraId),
    };
}
