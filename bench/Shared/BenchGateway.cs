using Platform.Gateway;
using Platform.LocalInfra;

namespace Platform.Bench;

/// <summary>
/// The real gateway on Kestrel (loopback, production environment) against the benches' local infrastructure, with
/// the per-caller rate limit lifted (it would otherwise be what is measured) and retention off. Linked into each bench
/// that measures the gateway.
/// </summary>
internal static class BenchGateway
{
    public static async Task<(WebApplication App, Uri BaseUrl)> StartAsync(string connectionString, EmbeddedKafkaBroker broker, S3Server s3,
        string adminKey, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        var settings = new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = connectionString,
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["S3:ServiceUrl"] = s3.ServiceUrl.ToString(),
            ["S3:AccessKey"] = s3.AccessKey,
            ["S3:SecretKey"] = s3.SecretKey,
            ["Auth:BootstrapApiKey"] = adminKey,
            ["Auth:RequestsPerMinute"] = "600000000",
            ["Retention:Enabled"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddGateway();
        var app = builder.Build();
        app.UseGateway();
        await app.StartAsync();
        return (app, new Uri($"http://127.0.0.1:{port}"));
    }
}
