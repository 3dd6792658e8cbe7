using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Gateway.Configuration;
using Platform.Gateway.Security;
using Platform.Storage;

namespace Platform.Gateway;

/// <summary>
/// Before the gateway serves: the schema is current and the bootstrap admin key (if configured) exists. This runs in the
/// host's "starting" phase, which completes before any hosted service starts: the services start concurrently (so that
/// Kestrel does not wait for the Orleans client to find a silo), and as a plain StartAsync this would run beside Kestrel,
/// which would then serve requests against a schema still being migrated, and refuse the bootstrap key.
/// </summary>
public sealed partial class GatewayStartup(NpgsqlDataSource dataSource, ApiKeyStore keys, IOptions<AuthOptions> auth, ILogger<GatewayStartup> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(dataSource, cancellationToken);
        if (auth.Value.BootstrapApiKey is { Length: > 0 } bootstrap)
        {
            if (!ApiKeySecret.TryParse(bootstrap, out var key))
            {
                throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), ["Auth:BootstrapApiKey must look like pk_{id}_{secret}."]);
            }

            await keys.EnsureAsync(key, "bootstrap", Roles.Admin, cancellationToken);
            LogBootstrapKey(key.Id);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap admin API key {KeyId} is available")]
    private partial void LogBootstrapKey(string keyId);
}
