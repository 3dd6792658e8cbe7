namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// Another analytics stack reported an event of <see cref="Kind"/> (NVIDIA VSS's behavior analytics on mdx-events:
/// a tripwire crossed, a region of interest entered or left), for one of <see cref="EventIds"/> (that stack's
/// tripwire or region ids; empty: any), in one of <see cref="Directions"/> (empty: any), for an object of one of
/// <see cref="Classes"/> (empty: any). Lets VSS's own lines and regions start recordings.
/// </summary>
public sealed record AnalyticsEventCondition : RuleCondition
{
    public const string Tripwire = "tripwire";
    public const string Roi = "roi";

    /// <summary>"tripwire" or "roi".</summary>
    public string Kind { get; init; } = "";

    public IReadOnlyList<string> EventIds { get; init; } = [];

    /// <summary>IN or OUT for a tripwire, ENTRY or EXIT for a region (any case).</summary>
    public IReadOnlyList<string> Directions { get; init; } = [];

    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>The directions each kind has.</summary>
    public static IReadOnlyList<string> DirectionsOf(string kind) => kind switch
    {
        Tripwire => ["IN", "OUT"],
        Roi => ["ENTRY", "EXIT"],
        _ => [],
    };
}
