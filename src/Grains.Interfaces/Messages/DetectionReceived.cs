using Orleans;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// A DeepStream message (full: one object; minimal: many) after ingress validated and normalized it, for the
/// sensor grain of <see cref="SensorId"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record DetectionReceived : GrainMessage
{
    [Id(0)]
    public required SensorId SensorId { get; init; }

    /// <summary>The device's `@timestamp`: event time, which rules, schedules and sessions are evaluated in.</summary>
    [Id(1)]
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The full schema's event.type (entry, exit, moving, stopped, empty, parked, reset), lower case; null in the minimal schema.</summary>
    [Id(2)]
    public string? EventType { get; init; }

    /// <summary>The device's message id when it sent one.</summary>
    [Id(3)]
    public string? DeviceMessageId { get; init; }

    [Id(4)]
    public required IReadOnlyList<DetectedObject> Objects { get; init; }

    /// <summary>An event another analytics stack decided on (VSS's mdx-events), or null for a DeepStream frame.</summary>
    [Id(5)]
    public AnalyticsEvent? Analytics { get; init; }
}
