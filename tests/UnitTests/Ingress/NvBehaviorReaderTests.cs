using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Interfaces.Messages;
using Platform.Messaging.DeepStream;
using Platform.Silo.Configuration;
using Platform.Silo.Ingress;
using NvObject = Platform.Messaging.DeepStream.Object;

namespace Platform.UnitTests.Ingress;

/// <summary>VSS's behavior events (nv.Behavior on mdx-events) through the silo's ingress, on the topic configured for them.</summary>
public sealed class NvBehaviorReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
    private readonly KafkaOptions topics = new() { AnalyticsEventsTopic = "mdx-events" };
    private readonly IngressRouter router;

    public NvBehaviorReaderTests()
    {
        var limits = new IngressLimits();
        router = new IngressRouter(topics, new DeepStreamParser(limits, new FakeTimeProvider(Now)), limits);
    }

    /// <summary>A tripwire crossing as VSS's behavior analytics publish it.</summary>
    private static Behavior Crossing() => new()
    {
        Id = "cam-7 #42",
        Timestamp = Timestamp.FromDateTimeOffset(Now.AddSeconds(-12)),
        End = Timestamp.FromDateTimeOffset(Now.AddSeconds(-2)),
        Sensor = new Sensor { Id = "cam-7" },
        Object = new NvObject { Id = "42", Type = "Person", Bbox = new Bbox { LeftX = 1, TopY = 1, RightX = 9, BottomY = 20 } },
        Event = new Event { Id = "door-1", Type = "in", Info = { ["class"] = "tripwire" } },
    };

    [Fact]
    public void A_tripwire_crossing_goes_to_its_sensor_grain_as_an_analytics_event_at_the_behaviors_end()
    {
        var output = router.Route("mdx-events", 3, 17, Crossing().ToByteArray());

        Assert.Null(output.Rejection);
        var envelope = Assert.Single(output.Envelopes);
        Assert.Equal("sensor/cam-7", envelope.GrainKey.Value);
        var detection = Assert.IsType<DetectionReceived>(envelope.Message);
        Assert.Equal((Now.AddSeconds(-2), "cam-7 #42"), (detection.Timestamp, detection.DeviceMessageId));
        Assert.Empty(detection.Objects);
        Assert.Equal(new AnalyticsEvent { Kind = "tripwire", EventId = "door-1", Direction = "IN", ObjectId = "42", Class = "Person" }, detection.Analytics);
    }

    [Fact]
    public void Without_an_end_the_start_is_the_event_time_and_a_region_event_reads_alike()
    {
        var entry = Crossing();
        entry.End = null;
        entry.Event = new Event { Id = "bay-3", Type = "ENTRY", Info = { ["class"] = "roi" } };

        var detection = Assert.IsType<DetectionReceived>(Assert.Single(router.Route("mdx-events", 0, 1, entry.ToByteArray()).Envelopes).Message);

        Assert.Equal(Now.AddSeconds(-12), detection.Timestamp);
        Assert.Equal(("roi", "bay-3", "ENTRY"), (detection.Analytics!.Kind, detection.Analytics.EventId, detection.Analytics.Direction));
    }

    public static TheoryData<string, DeadLetterReason, string> Refusals() => new()
    {
        { "no event", DeadLetterReason.BadAnalyticsEvent, "event (field 19) is missing" },
        { "an event of class 'zone'", DeadLetterReason.BadAnalyticsEvent, "event.info[\"class\"] 'zone' is neither tripwire nor roi" },
        { "a tripwire ENTRY", DeadLetterReason.BadAnalyticsEvent, "event.type 'ENTRY' of a tripwire event must be IN or OUT" },
        { "no event id", DeadLetterReason.BadAnalyticsEvent, "event.id (the tripwire's or region's id) must be" },
        { "no sensor", DeadLetterReason.MissingSensorId, "sensor.id (field 16) must be" },
        { "no time", DeadLetterReason.BadTimestamp, "end (field 3) and timestamp (field 2) are both missing" },
        { "a week-old end", DeadLetterReason.TimestampOutOfRange, "end (field 3) " },
        { "bytes that are not protobuf", DeadLetterReason.NotProtobuf, "not an nv.Behavior: " },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Events_no_rule_could_match_are_dead_lettered_with_a_reason_naming_the_field(string name, DeadLetterReason reason, string detail)
    {
        var behavior = Crossing();
        switch (name)
        {
            case "no event": behavior.Event = null; break;
            case "an event of class 'zone'": behavior.Event.Info["class"] = "zone"; break;
            case "a tripwire ENTRY": behavior.Event.Type = "ENTRY"; break;
            case "no event id": behavior.Event.Id = ""; break;
            case "no sensor": behavior.Sensor = null; break;
            case "no time": (behavior.Timestamp, behavior.End) = (null, null); break;
            case "a week-old end": behavior.End = Timestamp.FromDateTimeOffset(Now.AddDays(-8)); break;
        }

        var bytes = name == "bytes that are not protobuf" ? [0x0A, 0x7F, 0x01] : behavior.ToByteArray();
        var output = router.Route("mdx-events", 0, 1, bytes);

        Assert.Empty(output.Envelopes);
        Assert.Equal(reason, output.Rejection!.Reason);
        Assert.StartsWith(detail, output.Rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_topic_is_read_only_when_configured_and_never_as_one_the_silo_already_reads()
    {
        Assert.DoesNotContain("", new KafkaOptions().ReadTopics);
        Assert.Equal(5, topics.ReadTopics.Count); // devices, clips, heartbeats, continuous segments, and this one
        Assert.Contains("mdx-events", topics.ReadTopics);
        var clash = new KafkaOptions { BootstrapServers = "b:9092", AnalyticsEventsTopic = "deepstream-events" };
        Assert.Contains(clash.Validate(), e => e.StartsWith("Kafka:AnalyticsEventsTopic 'deepstream-events' is already read", StringComparison.Ordinal));
    }
}
