using System.Text;
using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Messages;
using Platform.Silo.Configuration;
using Platform.Silo.Ingress;
using Platform.UnitTests.Grains;

namespace Platform.UnitTests.Ingress;

public sealed class IngressRouterSegmentTests
{
    private const string Segment = """
        {"schemaVersion":1,"messageId":"seg:cam-a:1796616000000","occurredAt":"2026-12-07T04:00:02.040Z","cameraId":"cam-a",
         "agentId":"edge-1","objectKey":"continuous/cam-a/2026/12/07/04/1796616000000-1796616002040.mkv",
         "start":"2026-12-07T04:00:00.000Z","end":"2026-12-07T04:00:02.040Z","bytes":524288}
        """;

    private readonly KafkaOptions topics = new();
    private readonly IngressRouter router;

    public IngressRouterSegmentTests()
    {
        var limits = new IngressLimits();
        router = new IngressRouter(topics, new DeepStreamParser(limits, new FakeTimeProvider(DateTimeOffset.UnixEpoch)), limits);
    }

    [Fact]
    public void The_segments_topic_is_read()
    {
        Assert.Contains("edge.segments", topics.ReadTopics);
    }

    [Fact]
    public void A_segment_goes_to_its_camera_grain()
    {
        var envelope = Assert.Single(Route(Segment).Envelopes);

        Assert.Equal("camera/cam-a", envelope.GrainKey.Value);
        var segment = Assert.IsType<SegmentReceived>(envelope.Message).Segment;
        Assert.Equal((524288L, "edge-1"), (segment.Bytes, segment.AgentId));
    }

    [Theory]
    [InlineData("""{"cameraId":"cam-a"}""")]
    [InlineData("not json")]
    public void Malformed_segment_messages_are_dead_lettered_with_a_reason(string json)
    {
        var rejection = Route(json).Rejection;

        Assert.Equal(DeadLetterReason.BadEdgeMessage, rejection?.Reason);
        Assert.StartsWith("not an edge segment message", rejection?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_whose_key_does_not_match_its_times_is_refused()
    {
        var rejection = Route(Segment.Replace("1796616002040.mkv", "1796616009999.mkv", StringComparison.Ordinal)).Rejection;

        Assert.Equal(DeadLetterReason.BadEdgeMessage, rejection?.Reason);
        Assert.Contains("objectKey", rejection?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_camera_grain_turns_each_delivery_into_one_catalog_row_for_the_same_camera_and_start()
    {
        var envelope = Assert.Single(Route(Segment).Envelopes);
        var camera = new Platform.UnitTests.Grains.Cameras.CameraHarness();

        var first = Assert.Single(camera.Send(envelope.Message, DateTimeOffset.UnixEpoch).Of<InsertContinuousSegment>());
        var again = Assert.Single(camera.Send(envelope.Message, DateTimeOffset.UnixEpoch).Of<InsertContinuousSegment>());

        // The row's key is (camera, start): the SQL ignores the second (ON CONFLICT DO NOTHING).
        Assert.Equal((first.CameraId, first.Segment.Start), (again.CameraId, again.Segment.Start));
        Assert.Equal("continuous/cam-a/2026/12/07/04/1796616000000-1796616002040.mkv", first.Segment.ObjectKey);
    }

    private IngressOutput Route(string json) => router.Route(topics.SegmentsTopic, 0, 1, Encoding.UTF8.GetBytes(json));
}
