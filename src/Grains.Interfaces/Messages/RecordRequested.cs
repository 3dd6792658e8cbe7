using Orleans;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// Asks a camera grain to record: a rule's record action (from a sensor grain) or a manual start (from the
/// gateway). The camera opens a session [<see cref="TriggeredAt"/> − pre-roll, <see cref="TriggeredAt"/> +
/// post-roll] or extends the open one.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record RecordRequested : GrainMessage
{
    [Id(0)]
    public required CameraId CameraId { get; init; }

    [Id(1)]
    public required DateTimeOffset TriggeredAt { get; init; }

    [Id(2)]
    public required TimeSpan PreRoll { get; init; }

    [Id(3)]
    public required TimeSpan PostRoll { get; init; }

    /// <summary>The longest a session may grow by extensions; a trigger after that opens a new session.</summary>
    [Id(4)]
    public required TimeSpan MaxSession { get; init; }

    /// <summary>mp4 or mkv.</summary>
    [Id(5)]
    public string Container { get; init; } = "mp4";

    /// <summary>The rule that fired, or null for a manual recording.</summary>
    [Id(6)]
    public RuleId? RuleId { get; init; }

    [Id(7)]
    public SensorId? SensorId { get; init; }

    /// <summary>The message id of the event that triggered it: the link from a clip back to its cause.</summary>
    [Id(8)]
    public string? TriggerMessageId { get; init; }

    /// <summary>For people: "person in Loading dock", "manual by alice".</summary>
    [Id(9)]
    public string? Reason { get; init; }

    /// <summary>Set by the gateway for a manual start so that it can return the session id at once.</summary>
    [Id(10)]
    public SessionId? RequestedSessionId { get; init; }
}
