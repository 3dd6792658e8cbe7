using Orleans;

namespace Platform.Grains.Interfaces.Grains;

/// <summary>A camera's live view as its grain leads it: the stream its viewers share, or why there is none.</summary>
[GenerateSerializer]
[Immutable]
public sealed record LiveView
{
    /// <summary>The stream the agent was asked for; null when none runs.</summary>
    [Id(0)]
    public string? StreamId { get; init; }

    /// <summary>Viewers whose lease is current, the caller included.</summary>
    [Id(1)]
    public int Viewers { get; init; }

    /// <summary>When the agent stops unless renewed.</summary>
    [Id(2)]
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Why no stream was asked for (the camera's agent is offline, say); null when one was.</summary>
    [Id(3)]
    public string? Unavailable { get; init; }
}
