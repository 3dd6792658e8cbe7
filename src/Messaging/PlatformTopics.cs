namespace Platform.Messaging;

/// <summary>
/// The platform's topics with their default names. Names are configuration; these defaults are what the
/// embedded broker creates and what a deployment creates unless told otherwise.
/// </summary>
public static class PlatformTopics
{
    public const string DeepStreamEvents = "deepstream-events";
    public const string EdgeClips = "edge.clips";
    public const string EdgeStatus = "edge.status";

    /// <summary>Continuous-recording segments uploaded by the agents, keyed by camera id.</summary>
    public const string EdgeSegments = "edge.segments";
    public const string EdgeCommands = "edge.commands";

    /// <summary>Desired camera set per agent, keyed by agent id; compacted in a deployment (newest per key kept).</summary>
    public const string EdgeConfig = "edge.config";
    public const string Alerts = "platform.alerts";
    public const string DeadLetter = "platform.deadletter";

    /// <summary>
    /// The device topic gets many partitions: each is an Orleans stream queue, the unit the silos share out (a silo
    /// pulls whole partitions), and the embedded broker keeps only about 5 MiB per partition.
    /// </summary>
    public const int DeviceEventPartitions = 32;

    public const int ExternalPartitions = 8;

    /// <summary>Every topic with the partition count the embedded broker creates it with.</summary>
    public static IReadOnlyList<(string Name, int Partitions)> Defaults { get; } =
    [
        (DeepStreamEvents, DeviceEventPartitions),
        (EdgeClips, ExternalPartitions),
        (EdgeStatus, ExternalPartitions),
        (EdgeSegments, ExternalPartitions),
        (EdgeCommands, ExternalPartitions),
        (EdgeConfig, ExternalPartitions),
        (Alerts, ExternalPartitions),
        (DeadLetter, ExternalPartitions),
    ];
}
