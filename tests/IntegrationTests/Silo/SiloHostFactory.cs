using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Platform.Silo;

namespace Platform.IntegrationTests.Silo;

/// <summary>Builds a real silo host in this process, from nothing but configuration.</summary>
internal static class SiloHostFactory
{
    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Several silos run side by side in one test run: their probe endpoints take a free port each.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Health:Urls"] = "http://127.0.0.1:0" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSilo();
        var app = builder.Build();
        app.MapSilo();
        return app;
    }
}
