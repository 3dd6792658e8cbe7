using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Silo.Hosting;

/// <summary>
/// Runs the silo process and ends it when stopping outlasts "Host:ShutdownTimeout" by <see cref="Margin"/>. With
/// PostgreSQL away, Orleans retries its last membership writes (Stopping, then Dead) for up to a minute each,
/// whatever the host's timeout. Not waiting for them loses nothing: records not checkpointed are delivered again to
/// the queues' next owners, committed outbox rows are sent by another silo's sweeper, and the other silos declare
/// this one dead by probing it.
/// </summary>
public static partial class ShutdownDeadline
{
    /// <summary>What the runtime's own exit gets on top of the host's shutdown timeout.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
        {
            await stopping.Task;
        }

        var deadline = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout + Margin;
        var stop = app.StopAsync();
        if (await Task.WhenAny(stop, Task.Delay(deadline)) == stop)
        {
            await stop;
            return;
        }

        LogDeadline(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShutdownDeadline)), deadline.TotalSeconds);
        // The console lifetime would hold the exit until the host is disposed, which waits for the stop.
        (app.Services.GetService<IHostLifetime>() as IDisposable)?.Dispose();
        Environment.Exit(0);
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning,
        Message = "The silo had not stopped {Seconds:0.#} s after it was asked to (PostgreSQL or the cluster is unreachable); exiting without waiting for Orleans")]
    private static partial void LogDeadline(ILogger logger, double seconds);
}
