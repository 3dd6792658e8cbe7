using System.Security.Cryptography;
using System.Text;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Commands;

/// <summary>The identity of a command for dedupe: its commandId, or a hash of its content when it has none.</summary>
internal static class CommandKeys
{
    public static string DedupeKey(SmartRecordCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandId is { } id)
        {
            return "id:" + id.Value;
        }

        // The fields that matter, normalized (times to the wire's milliseconds), so that the same DeepStream
        // message with other spacing or field order is still the same command.
        var content = string.Join('\n',
            command.Command,
            UtcMillisecondsJsonConverter.ToWire(command.Start),
            UtcMillisecondsJsonConverter.ToWire(command.End),
            command.Sensor.Id,
            command.CameraId?.Value ?? "",
            command.SessionId?.Value ?? "");
        return "sha:" + Hash(content);
    }

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
