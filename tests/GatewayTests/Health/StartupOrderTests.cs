using System.Diagnostics;
using System.Net;
using Npgsql;
using Platform.Gateway.Security;
using Platform.LocalInfra;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.GatewayTests.Health;

[Collection(GatewayCollection.Name)]
public sealed class StartupOrderTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ITestOutputHelper output)
{
    /// <summary>
    /// How long the test watches the port while the start-up work is held: showing that something does not happen needs
    /// a window. The hosted services start concurrently (so that Kestrel need not wait for the cluster); when the start-up
    /// work ran as one of them, Kestrel listened 6-127 ms into the hold (three runs, on a loaded machine).
    /// </summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Kestrel_listens_only_once_the_schema_is_current_and_the_bootstrap_key_exists()
    {
        var port = FreePort.Next();
        NpgsqlConnection? holder = null;
        NpgsqlTransaction? keysLocked = null;
        await using var host = new GatewayHost(kafka, postgres, s3, listenOnLoopback: true)
        {
            Port = port,
            // The start-up work (migration, then the bootstrap key) will wait for this lock on the keys table.
            BeforeGatewayStarts = async h =>
            {
                holder = await h.Database.OpenConnectionAsync();
                keysLocked = await holder.BeginTransactionAsync();
                await using var command = new NpgsqlCommand("LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE", holder, keysLocked);
                await command.ExecuteNonQueryAsync();
            },
        };

        // StartServer blocks its thread until the host has started.
        var starting = Task.Run(host.InitializeAsync);
        await Eventually.WaitAsync(async () => starting.IsCompleted || (keysLocked is not null && await WaitsForKeysAsync(host)), TimeSpan.FromSeconds(30),
            () => "the gateway's start-up work to wait for the keys table");
        var watching = Stopwatch.StartNew();
        var listenedAfter = (TimeSpan?)null;
        while (listenedAfter is null && watching.Elapsed < Window)
        {
            listenedAfter = await FreePort.IsListeningAsync(port) ? watching.Elapsed : null;
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        await keysLocked!.RollbackAsync();
        await holder!.DisposeAsync();
        await starting;
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, host.AdminKey);
        var sites = await http.GetAsync(new Uri("/api/sites", UriKind.Relative));

        output.WriteLine(listenedAfter is { } early ? FormattableString.Invariant($"Kestrel listened {early.TotalMilliseconds:F0} ms into the hold") : "Kestrel did not listen during the hold");
        Assert.Null(listenedAfter);
        Assert.Equal(HttpStatusCode.OK, sites.StatusCode);
    }

    private static async Task<bool> WaitsForKeysAsync(GatewayHost host)
    {
        await using var command = host.Database.CreateCommand("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'api_keys'::regclass");
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
