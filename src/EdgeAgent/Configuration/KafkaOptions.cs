using Platform.Messaging;

namespace Platform.EdgeAgent.Configuration;

/// <summary>The broker and topics (section <c>EdgeAgent:Kafka</c>).</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "EdgeAgent:Kafka";

    /// <summary>host:port[,host:port…]. Required.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Default edge.commands.</summary>
    public string CommandsTopic { get; set; } = PlatformTopics.EdgeCommands;

    /// <summary>Default edge.clips.</summary>
    public string ClipsTopic { get; set; } = PlatformTopics.EdgeClips;

    /// <summary>Continuous-recording segment announcements. Default edge.segments.</summary>
    public string SegmentsTopic { get; set; } = PlatformTopics.EdgeSegments;

    /// <summary>Default edge.status.</summary>
    public string StatusTopic { get; set; } = PlatformTopics.EdgeStatus;

    /// <summary>The desired camera sets of managed agents (read from the start, without a group). Default edge.config.</summary>
    public string ConfigTopic { get; set; } = PlatformTopics.EdgeConfig;

    /// <summary>Consumer group of the commands topic. Default edge-agent-{AgentId}: every agent sees every command.</summary>
    public string? GroupId { get; set; }

    /// <summary>
    /// Where a new consumer group starts: Latest (default; old commands are stale anyway) or Earliest.
    /// A group with committed offsets resumes where it left off either way.
    /// </summary>
    public string AutoOffsetReset { get; set; } = "Latest";

    /// <summary>SASL/TLS towards the broker (EdgeAgent:Kafka:Security:*); empty: plaintext.</summary>
    public KafkaSecurityOptions Security { get; set; } = new();
}
