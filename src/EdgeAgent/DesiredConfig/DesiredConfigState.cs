using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.DesiredConfig;

/// <summary>The edge.config version the agent runs and why its newest could not be applied whole; heartbeats report both.</summary>
internal sealed class DesiredConfigState
{
    private readonly Lock gate = new();
    private long? version;
    private string? error;

    public long? Version
    {
        get
        {
            lock (gate)
            {
                return version;
            }
        }
    }

    public string? Error
    {
        get
        {
            lock (gate)
            {
                return error;
            }
        }
    }

    /// <summary>
    /// True when <paramref name="config"/> is for <paramref name="agentId"/> and newer than the version running: a
    /// replayed or reordered older message (or the same one read again after a restart) changes nothing.
    /// </summary>
    public bool IsNewer(EdgeAgentConfig config, string agentId)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (gate)
        {
            return string.Equals(config.AgentId, agentId, StringComparison.Ordinal) && (version is null || config.Version > version);
        }
    }

    public void Applied(long appliedVersion, string? appliedError)
    {
        lock (gate)
        {
            version = appliedVersion;
            error = appliedError;
        }
    }
}
