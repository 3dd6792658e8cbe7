using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Commands;

/// <summary>
/// Bytes from the commands topic to a <see cref="SmartRecordCommand"/>: the bare DeepStream message
/// (<c>command</c>, <c>start</c>, <c>end</c>, <c>sensor.id</c>) is enough; our optional fields are read when
/// present and unknown fields are ignored. Live-view commands (<see cref="LiveViewCommand"/>) share the topic and
/// are told apart by their <c>command</c>. Pure: never throws on bad input, says why instead.
/// </summary>
internal static partial class CommandParser
{
    public static CommandParseResult Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return CommandParseResult.Bad(BadCommandReason.NotJson, "empty payload");
        }

        string? name;
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

                name = document.RootElement.TryGetProperty("command", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
        }
        catch (JsonException e)
        {
            return CommandParseResult.Bad(BadCommandReason.NotJson, e.Message);
        }

        return name is LiveViewCommand.StartLive or LiveViewCommand.StopLive ? ParseLive(payload) : ParseSmartRecord(payload);
    }

    private static CommandParseResult ParseSmartRecord(ReadOnlySpan<byte> payload)
    {
        if (Read(payload, EdgeJsonContext.Default.SmartRecordCommand, out var malformed) is not { } command)
        {
            return CommandParseResult.Bad(BadCommandReason.Malformed, malformed);
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

    private static CommandParseResult ParseLive(ReadOnlySpan<byte> payload)
    {
        if (Read(payload, EdgeJsonContext.Default.LiveViewCommand, out var malformed) is not { } command)
        {
            return CommandParseResult.Bad(BadCommandReason.Malformed, malformed);
        }

        if (string.IsNullOrWhiteSpace(command.CameraId.Value))
        {
            return CommandParseResult.Bad(BadCommandReason.Malformed, "cameraId is missing or empty");
        }

        // The stream id becomes a directory and an object key prefix: nothing but a plain name may pass.
        return StreamIdPattern().IsMatch(command.StreamId)
            ? CommandParseResult.Ok(command)
            : CommandParseResult.Bad(BadCommandReason.Malformed, $"streamId '{command.StreamId}' is not 1-64 letters, digits, '-' or '_'");
    }

    /// <summary>The command of type <typeparamref name="T"/>, or null with why not (the serializer's message, or "null").</summary>
    private static T? Read<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> type, out string malformed)
        where T : class
    {
        malformed = "null";
        try
        {
            return JsonSerializer.Deserialize(payload, type);
        }
        catch (JsonException e)
        {
            malformed = e.Message;
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex StreamIdPattern();
}
