using Orleans;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// An event another analytics stack decided on, such as NVIDIA VSS's behavior analytics (mdx-events): a tripwire
/// crossed or a region of interest entered or left, with that analytics' own ids. Rules match it with
/// <c>AnalyticsEventCondition</c>; it does not move any tracked object (that stack's frames do, if they come too).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AnalyticsEvent
{
    /// <summary>"tripwire" or "roi", lower case (VSS's event.info["class"]).</summary>
    [Id(0)]
    public required string Kind { get; init; }

    /// <summary>The tripwire's or the region's id in the analytics that sent it (VSS's event.id).</summary>
    [Id(1)]
    public required string EventId { get; init; }

    /// <summary>What happened, upper case as sent: IN or OUT for a tripwire, ENTRY or EXIT for a region (VSS's event.type).</summary>
    [Id(2)]
    public required string Direction { get; init; }

    /// <summary>The object's tracking id, when the event names one.</summary>
    [Id(3)]
    public string? ObjectId { get; init; }

    /// <summary>The object's class (Person, Vehicle, …), when the event names one.</summary>
    [Id(4)]
    public string? Class { get; init; }
}
