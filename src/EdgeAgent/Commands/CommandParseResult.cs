using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Commands;

/// <summary>A parsed command (a Smart Video Record <see cref="Command"/> or a <see cref="Live"/> view command), or why there is none.</summary>
internal sealed record CommandParseResult(SmartRecordCommand? Command, BadCommandReason? Reason, string? Detail)
{
    public LiveViewCommand? Live { get; private init; }

    public static CommandParseResult Ok(SmartRecordCommand command) => new(command, null, null);

    public static CommandParseResult Ok(LiveViewCommand live) => new(null, null, null) { Live = live };

    public static CommandParseResult Bad(BadCommandReason reason, string detail) => new(null, reason, detail);
}
