using Platform.IntegrationTests.EdgeAgent;

namespace Platform.IntegrationTests.Faults;

/// <summary>Commands for several separate clips: one session each, windows that do not overlap.</summary>
internal static class EdgeCommands
{
    /// <summary>Clip <paramref name="index"/> of a series starting at <paramref name="first"/>: 2 s long, one every 2.5 s.</summary>
    public static (string Json, string CommandId) Clip(string prefix, string cameraId, DateTimeOffset first, int index)
    {
        var start = first.AddSeconds(2.5 * index);
        var id = $"{prefix}-{index}";
        return (EdgeAgentHarness.Command("start-recording", start, start.AddSeconds(2), cameraId,
            $"\"commandId\":\"{id}\",\"sessionId\":\"{id}\",\"cameraId\":\"{cameraId}\""), id);
    }

    /// <summary>True once the agent has stored every one of <paramref name="commandIds"/> in its session state (consumed, durable).</summary>
    public static bool AllStored(EdgeAgentHarness agent, IEnumerable<string> commandIds)
    {
        var path = Path.Combine(agent.SpoolDirectory, Platform.EdgeAgent.Commands.SessionBook.StateFileName);
        try
        {
            var state = File.Exists(path) ? File.ReadAllText(path) : "";
            return commandIds.All(id => state.Contains($"\"{id}\"", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false; // being replaced: ask again
        }
    }
}
