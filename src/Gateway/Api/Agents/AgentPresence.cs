namespace Platform.Gateway.Api.Agents;

/// <summary>When an agent counts as online: agents send a heartbeat every 10 s by default, so three missed ones mean it is away.</summary>
public static class AgentPresence
{
    public static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(30);

    public static bool IsOnline(EdgeAgentReport? report, DateTimeOffset now) => report is not null && now - report.ReceivedAt <= OfflineAfter;
}
