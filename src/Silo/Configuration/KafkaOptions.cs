using Platform.Messaging;
using Platform.Silo.Ingress;

namespace Platform.Silo.Configuration;

/// <summary>Section "Kafka": the broker and the topic names (defaults are the platform's).</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Required. "host:port[,host:port]", or "embedded" for an in-process development broker.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Read: DeepStream detections (each partition is an Orleans queue).</summary>
    public string DeepStreamTopic { get; set; } = PlatformTopics.DeepStreamEvents;

    /// <summary>
    /// How the device topic's records are read: auto (default: each record by its first bytes, so JSON and protobuf
    /// devices can share the topic), json, or protobuf (DeepStream's nv.Frame; set it when a frame may start in a
    /// way auto reads as JSON, see <see cref="DeepStreamFormats.LooksLikeProtobuf"/>).
    /// </summary>
    public DeepStreamFormat DeepStreamFormat { get; set; } = DeepStreamFormat.Auto;

    /// <summary>
    /// Read when set: NVIDIA VSS's behavior events (nv.Behavior protobuf, VSS's mdx-events: tripwire IN/OUT and
    /// region ENTRY/EXIT), which analytics-event rules match. Empty (the default): not read.
    /// </summary>
    public string AnalyticsEventsTopic { get; set; } = "";

    /// <summary>Read: the edge agents' clip announcements.</summary>
    public string ClipsTopic { get; set; } = PlatformTopics.EdgeClips;

    /// <summary>Read: the edge agents' continuous-recording segments (each becomes a continuous_segments row).</summary>
    public string SegmentsTopic { get; set; } = PlatformTopics.EdgeSegments;

    /// <summary>Read: the edge agents' heartbeats.</summary>
    public string StatusTopic { get; set; } = PlatformTopics.EdgeStatus;

    /// <summary>Written: Smart Video Record commands, keyed by camera id.</summary>
    public string CommandsTopic { get; set; } = PlatformTopics.EdgeCommands;

    /// <summary>Written: each agent's desired camera set, keyed by agent id (compacted in a deployment).</summary>
    public string ConfigTopic { get; set; } = PlatformTopics.EdgeConfig;

    /// <summary>Written: alerts, keyed by camera (else sensor) id.</summary>
    public string AlertsTopic { get; set; } = PlatformTopics.Alerts;

    /// <summary>Written: refused records, unchanged, with reason headers.</summary>
    public string DeadLetterTopic { get; set; } = PlatformTopics.DeadLetter;

    /// <summary>SASL/TLS towards an external broker (Kafka:Security:*); empty: plaintext.</summary>
    public KafkaSecurityOptions Security { get; set; } = new();

    /// <summary>Every problem at once, each naming its key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            errors.Add("Kafka:BootstrapServers is required (host:port, or 'embedded').");
        }

        foreach (var (key, value) in new[]
        {
            ("DeepStreamTopic", DeepStreamTopic), ("ClipsTopic", ClipsTopic), ("StatusTopic", StatusTopic), ("SegmentsTopic", SegmentsTopic),
            ("CommandsTopic", CommandsTopic), ("ConfigTopic", ConfigTopic), ("AlertsTopic", AlertsTopic), ("DeadLetterTopic", DeadLetterTopic),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"Kafka:{key} must not be empty.");
            }
        }

        if (AnalyticsEventsTopic.Length > 0 && PlatformReadTopics.Contains(AnalyticsEventsTopic, StringComparer.Ordinal))
        {
            errors.Add($"Kafka:AnalyticsEventsTopic '{AnalyticsEventsTopic}' is already read as another kind of record; give VSS's mdx-events a topic of its own.");
        }

        errors.AddRange(Security.Validate("Kafka:Security"));
        return errors;
    }

    /// <summary>The topics the silo reads: their partitions are the Orleans stream queues.</summary>
    public IReadOnlyList<string> ReadTopics => AnalyticsEventsTopic.Length > 0 ? [.. PlatformReadTopics, AnalyticsEventsTopic] : PlatformReadTopics;

    // Always read: devices' detections and the edge agents' clips, heartbeats and continuous segments.
    private string[] PlatformReadTopics => [DeepStreamTopic, ClipsTopic, StatusTopic, SegmentsTopic];
}
