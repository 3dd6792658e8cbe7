using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Silo.Storage;

/// <summary>
/// Retries a database call while PostgreSQL is unreachable or restarting, with backoff up to 5 s, forever: a
/// partition waits for its database rather than dropping or skipping work. Every write it repeats is
/// idempotent (upserts and inserts keyed by deterministic ids), so a commit that did succeed before its
/// acknowledgement was lost is harmless to repeat.
/// </summary>
public static partial class DatabaseRetry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, ILogger logger, string what, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                LogRetry(logger, what, attempt, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public static Task RunAsync(Func<Task> call, ILogger logger, string what, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            await call();
            return true;
        }, logger, what, cancellationToken);

    private static bool IsTransient(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        // Administrator shutdown, crash shutdown, cannot connect now: the server is restarting.
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => true,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        SocketException or IOException => true,
        _ => false,
    };

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning,
        Message = "PostgreSQL unavailable for {What} (attempt {Attempt}); retrying in {DelayMs} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, string what, int attempt, double delayMs, string error);
}
