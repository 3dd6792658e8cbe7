namespace Platform.EdgeAgent.Commands;

/// <summary>What a command did to the sessions.</summary>
internal sealed record CommandOutcome(CommandOutcomeKind Kind, BadCommandReason? Reason = null, string? Detail = null,
    RecordingSession? Session = null)
{
    public static CommandOutcome Bad(BadCommandReason reason, string detail) => new(CommandOutcomeKind.Rejected, reason, detail);
}
