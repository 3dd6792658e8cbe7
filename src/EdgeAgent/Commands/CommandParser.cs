using System.Text.Json;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Commands;

/// <summary>
/// Bytes from the commands topic to a <see cref="SmartRecordCommand"/>: the bare DeepStream message
/// (<c>command</c>, <c>start</c>, <c>end</c>, <c>sensor.id</c>) is enough; our optional fields are read when
/// present and unknown fields are ignored. Pure: never throws on bad input, says why instead.
/// </summary>
internal static class CommandParser
{
    public static CommandParseResult Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return CommandParseResult.Bad(BadCommandReason.NotJson, "empty payload");
        }

        SmartRecordCommand? command;
        try
        {
            // Syntax first, so that "not JSON" and "JSON of the wrong shape" are told apart.
            var reader = new Utf8JsonReader(payload);
            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                return CommandParseResult.Bad(BadCommandReason.NotJson, "empty payload");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return CommandParseResult.Bad(BadCommandReason.Malformed, $"a JSON {document.RootElement.ValueKind}, not an object");
                }
            }
        }
        catch (JsonException e)
        {
            return CommandParseResult.Bad(BadCommandReason.NotJson, e.Message);
        }

        try
        {
            command = JsonSerializer.Deserialize(payload, EdgeJsonContext.Default.SmartRecordCommand);
        }
        catch (JsonException e)
        {
            return CommandParseResult.Bad(BadCommandReason.Malformed, e.Message);
        }

        if (command is null)
        {
            return CommandParseResult.Bad(BadCommandReason.Malformed, "null");
        }

        if (command.Sensor is null || string.IsNullOrWhiteSpace(command.Sensor.Id))
        {
            return CommandParseResult.Bad(BadCommandReason.Malformed, "sensor.id is missing or empty");
        }

        if (command.Command is not (SmartRecordCommand.StartRecording or SmartRecordCommand.StopRecording))
        {
            return CommandParseResult.Bad(BadCommandReason.UnknownCommand, $"command '{command.Command}'");
        }

        return CommandParseResult.Ok(command);
    }
}
