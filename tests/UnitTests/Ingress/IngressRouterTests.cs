using Microsoft.Extensions.Time.Testing;
using System.Text;
using Platform.Grains.Interfaces.Messages;
using Platform.Silo.Configuration;
using Platform.Silo.Ingress;

namespace Platform.UnitTests.Ingress;

public sealed class IngressRouterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
    private readonly KafkaOptions topics = new();
    private readonly IngressRouter router;

    public IngressRouterTests()
    {
        var limits = new IngressLimits();
        router = new IngressRouter(topics, new DeepStreamParser(limits, new FakeTimeProvider(Now)), limits);
    }

    [Fact]
    public void A_heartbeat_becomes_one_envelope_per_camera_and_one_for_its_agent_with_distinct_positions()
    {
        var output = Route(topics.StatusTopic, 41, """
            {"schemaVersion":1,"messageId":"m","occurredAt":"2026-11-22T05:00:00.000Z","agentId":"edge-1","version":"1.0",
             "cameras":[{"cameraId":"cam-a","connected":true,"cacheSeconds":30,"restarts":0,"recording":false},
                        {"cameraId":"cam-b","connected":false,"cacheSeconds":0,"restarts":3,"recording":false,"lastError":"refused"}],
             "spoolCount":0,"spoolBytes":0,"diskFreeBytes":1000}
            """);

        Assert.Null(output.Rejection);
        Assert.Equal(["camera/cam-a", "camera/cam-b", "agent/edge-1"], output.Envelopes.Select(e => e.GrainKey.Value));
        Assert.Equal([0, 1, 2], output.Envelopes.Select(e => e.Source!.Index));
        Assert.All(output.Envelopes, e => Assert.Equal(41, e.Source!.Offset));
        Assert.Equal(3, output.Envelopes.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal("refused", Assert.IsType<CameraHeartbeat>(output.Envelopes[1].Message).Camera.LastError);
        Assert.Equal(1000, Assert.IsType<AgentHeartbeat>(output.Envelopes[2].Message).Status.DiskFreeBytes);
    }

    [Fact]
    public void A_clip_goes_to_its_camera_grain()
    {
        var output = Route(topics.ClipsTopic, 7, """
            {"messageId":"c1","occurredAt":"2026-11-22T05:00:00.000Z","clipId":"clip-1","cameraId":"cam-a","agentId":"edge-1",
             "requestedStart":"2026-11-22T04:59:50.000Z","requestedEnd":"2026-11-22T05:00:00.000Z",
             "actualStart":"2026-11-22T04:59:49.000Z","actualEnd":"2026-11-22T05:00:00.000Z","durationSeconds":11,
             "sizeBytes":12345,"sha256":"ab","container":"mp4","bucket":"clips","key":"clips/cam-a/x.mp4"}
            """);

        var envelope = Assert.Single(output.Envelopes);
        Assert.Equal("camera/cam-a", envelope.GrainKey.Value);
        Assert.Equal("clip-1", Assert.IsType<ClipReceived>(envelope.Message).Clip.ClipId.Value);
    }

    [Theory]
    [InlineData("""{"clipId":"x"}""")]
    [InlineData("[]")]
    [InlineData("""{"messageId":"c1","occurredAt":"2026-11-22T05:00:00.000Z","clipId":"clip-1","cameraId":"","agentId":"a","requestedStart":"2026-11-22T04:59:50.000Z","requestedEnd":"2026-11-22T05:00:00.000Z","actualStart":"2026-11-22T04:59:49.000Z","actualEnd":"2026-11-22T05:00:00.000Z","durationSeconds":1,"sizeBytes":1,"sha256":"ab","container":"mp4","bucket":"b","key":"k"}""")]
    public void Malformed_clip_messages_are_refused(string json) =>
        Assert.Equal(DeadLetterReason.BadEdgeMessage, Route(topics.ClipsTopic, 1, json).Rejection?.Reason);

    [Fact]
    public void A_clip_message_with_invalid_utf8_in_a_string_is_refused_not_thrown()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"messageId":"c1","occurredAt":"2026-11-22T05:00:00.000Z","clipId":"XX","cameraId":"cam-a"}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3;

        Assert.Equal(DeadLetterReason.BadEdgeMessage, router.Route(topics.ClipsTopic, 0, 1, bytes).Rejection?.Reason);
    }

    [Fact]
    public void Records_from_a_topic_ingress_does_not_read_are_refused() =>
        Assert.Equal(DeadLetterReason.UnknownSchema, Route("somewhere-else", 0, "{}").Rejection?.Reason);

    private IngressOutput Route(string topic, long offset, string json) => router.Route(topic, 0, offset, Encoding.UTF8.GetBytes(json));
}
