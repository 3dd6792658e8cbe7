using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Commands;

/// <summary>A parsed command, or why there is none.</summary>
internal sealed record CommandParseResult(SmartRecordCommand? Command, BadCommandReason? Reason, string? Detail)
{
    public static CommandParseResult Ok(SmartRecordCommand command) => new(command, null, null);

    public static CommandParseResult Bad(BadCommandReason reason, string detail) => new(null, reason, detail);
}
