using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Streams;
using Orleans.Streams.Core;
using Platform.Grains.Interfaces.Grains;
using Platform.Grains.Interfaces.Messages;

namespace Platform.Grains.Edge;

/// <summary>
/// One edge agent. Keeps no state of its own: what the agent should run is in PostgreSQL (read whenever it is sent)
/// and what it runs comes with each heartbeat. A heartbeat is stored for the API and, when it reports an older
/// configuration version than the desired one, the desired one is sent again; so an agent that was offline while
/// its cameras changed, or a send lost with a silo, converges by itself. Heartbeats are soft: one that cannot be
/// stored (PostgreSQL away) is logged and dropped, since the next one replaces it anyway.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Agent)]
public sealed partial class EdgeAgentGrain(
    IEdgeAgentDirectory directory,
    IEdgeConfigPublisher publisher,
    TimeProvider time,
    ILogger<EdgeAgentGrain> logger)
    : Grain, IEdgeAgentGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<GrainEnvelope>
{
    private DateTimeOffset? lastSentAt;

    private string AgentId => this.GetPrimaryKeyString();

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<GrainEnvelope>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<GrainEnvelope>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        // Only the newest heartbeat of a batch matters: each replaces the one before.
        var newest = items.Select(i => i.Item.Message).OfType<AgentHeartbeat>().MaxBy(h => h.Status.OccurredAt);
        if (newest is null)
        {
            return;
        }

        try
        {
            await directory.SaveStatusAsync(newest.Status, time.GetUtcNow(), CancellationToken.None);
            var desired = await directory.LoadDesiredAsync(AgentId, CancellationToken.None);
            if (desired is not null && ConfigResend.IsDue(desired.Version, newest.Status.ConfigVersion, lastSentAt, time.GetUtcNow()))
            {
                LogResending(AgentId, newest.Status.ConfigVersion, desired.Version);
                await SendAsync(desired);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHeartbeatNotStored(e, AgentId);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, AgentId);
        return Task.CompletedTask;
    }

    public async Task<bool> PublishConfig()
    {
        var desired = await directory.LoadDesiredAsync(AgentId, CancellationToken.None);
        if (desired is null)
        {
            return false;
        }

        try
        {
            await SendAsync(desired);
            return true;
        }
        catch (Exception e)
        {
            LogSendFailed(e, AgentId, desired.Version);
            return false;
        }
    }

    private async Task SendAsync(DesiredAgent desired)
    {
        lastSentAt = time.GetUtcNow();
        await publisher.PublishAsync(EdgeConfigBuilder.Build(desired, time.GetUtcNow()), CancellationToken.None);
        LogSent(AgentId, desired.Version, desired.Cameras.Count);
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Agent {AgentId}: sent configuration version {Version} ({Cameras} cameras)")]
    private partial void LogSent(string agentId, long version, int cameras);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "Agent {AgentId} runs configuration version {Reported}, the desired one is {Desired}: sending it again")]
    private partial void LogResending(string agentId, long? reported, long desired);

    [LoggerMessage(EventId = 132, Level = LogLevel.Warning, Message = "Agent {AgentId}: configuration version {Version} not sent; the agent's next heartbeat brings it again")]
    private partial void LogSendFailed(Exception error, string agentId, long version);

    [LoggerMessage(EventId = 133, Level = LogLevel.Warning, Message = "Agent {AgentId}: heartbeat not stored; the next one replaces it")]
    private partial void LogHeartbeatNotStored(Exception error, string agentId);

    [LoggerMessage(EventId = 134, Level = LogLevel.Error, Message = "Agent {AgentId}: its stream reported an error")]
    private partial void LogStreamError(Exception error, string agentId);
}
