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
    public const string Events = "platform.events";
    public const string Control = "platform.control";
    public const string EdgeCommands = "edge.commands";
    public const string Alerts = "platform.alerts";
    public const string DeadLetter = "platform.deadletter";

    /// <summary>
    /// Grain topics get many partitions: they are the unit of placement (a silo owns partitions, not grains)
    /// and the embedded broker keeps only about 5 MiB per partition. Events and control must have the same
    /// count so that a grain's messages of both kinds meet in one partition.
    /// </summary>
    public const int GrainPartitions = 32;

    public const int ExternalPartitions = 8;

    /// <summary>Every topic with the partition count the embedded broker creates it with.</summary>
    public static IReadOnlyList<(string Name, int Partitions)> Defaults { get; } =
    [
        (DeepStreamEvents, GrainPartitions), // as many as the grain topics, so that the silo can read it directly
        (EdgeClips, ExternalPartitions),
        (EdgeStatus, ExternalPartitions),
        (Events, GrainPartitions),
        (Control, GrainPartitions),
        (EdgeCommands, ExternalPartitions),
        (Alerts, ExternalPartitions),
        (DeadLetter, ExternalPartitions),
    ];
}
