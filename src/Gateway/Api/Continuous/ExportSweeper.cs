namespace Platform.Gateway.Api.Continuous;

/// <summary>Sweeps <see cref="ExportCache"/> every minute.</summary>
public sealed class ExportSweeper(ExportCache cache, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                cache.Sweep();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
