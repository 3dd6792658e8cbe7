using Microsoft.Extensions.Options;

namespace Platform.Gateway.Retention;

/// <summary>Runs a <see cref="RetentionPass"/> and a <see cref="ContinuousRetentionPass"/> at start and then every <see cref="RetentionOptions.Interval"/>, off the start path.</summary>
public sealed partial class RetentionService(RetentionPass pass, ContinuousRetentionPass continuous, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await pass.RunAsync(stoppingToken);
                await continuous.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed pass (database down) must not stop retention for good: the next tick tries again.
                LogPassFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "Clip retention is disabled in this gateway")]
    private partial void LogDisabled();

    [LoggerMessage(EventId = 4212, Level = LogLevel.Error, Message = "Retention pass failed; retrying at the next interval")]
    private partial void LogPassFailed(Exception exception);
}
