using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Gateway.Configuration;
using Platform.Gateway.Security;
using Platform.Storage;

namespace Platform.Gateway;

/// <summary>Before the gateway serves: the schema is current and the bootstrap admin key (if configured) exists.</summary>
public sealed partial class GatewayStartup(NpgsqlDataSource dataSource, ApiKeyStore keys, IOptions<AuthOptions> auth, ILogger<GatewayStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap admin API key {KeyId} is available")]
    private partial void LogBootstrapKey(string keyId);
}
