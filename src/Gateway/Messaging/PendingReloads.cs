using System.Collections.Concurrent;
using Platform.Grains.Interfaces.Grains;
using Platform.Grains.Interfaces.Messages;
using Orleans;

namespace Platform.Gateway.Messaging;

/// <summary>
/// Grains that were not told about a saved configuration change because the cluster was unavailable, told again every
/// <see cref="RetryInterval"/> until they hear it. An active grain keeps the configuration it loaded until it is told (or
/// deactivates), and repeating the request is no remedy for every change: a repeated create answers 409 and a repeated
/// delete 404, neither telling anyone. The set lives in this process: a gateway restarted during an outage forgets it.
/// </summary>
public sealed partial class PendingReloads(IGrainFactory grains, ClusterConnection cluster, TimeProvider time, ILogger<PendingReloads> logger)
    : BackgroundService
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<GrainKey, byte> pending = new();

    /// <summary>How many grains wait to be told.</summary>
    public int Count => pending.Count;

    public void Add(IEnumerable<GrainKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            pending.TryAdd(key, 0);
        }
    }

    /// <summary>Tells a grain; on success it no longer waits (a change saved after it was added is told by its own request).</summary>
    public static Task ReloadAsync(IGrainFactory grains, GrainKey key)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return key.Kind switch
        {
            GrainKind.Sensor => grains.GetGrain<ISensorGrain>(key.Key).ReloadConfig(),
            GrainKind.Camera => grains.GetGrain<ICameraGrain>(key.Key).ReloadConfig(),
            _ => grains.GetGrain<IEdgeAgentGrain>(key.Key).PublishConfig(),
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (pending.IsEmpty || !cluster.HasJoined)
            {
                continue;
            }

            foreach (var key in pending.Keys)
            {
                try
                {
                    await ReloadAsync(grains, key).WaitAsync(stoppingToken);
                    pending.TryRemove(key, out _);
                    LogTold(key.Value);
                }
                catch (Exception e) when (ClusterCalls.IsUnavailable(e) && !stoppingToken.IsCancellationRequested)
                {
                    LogStillUnavailable(key.Value, pending.Count, e.Message);
                    break; // the next round tries again
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain {Grain} was told about the configuration change it had missed")]
    private partial void LogTold(string grain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not yet tell grain {Grain} about a configuration change ({Pending} waiting): {Error}")]
    private partial void LogStillUnavailable(string grain, int pending, string error);
}
