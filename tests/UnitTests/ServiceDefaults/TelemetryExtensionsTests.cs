using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults;

namespace Platform.UnitTests.ServiceDefaults;

public sealed class TelemetryExtensionsTests
{
    [Fact]
    public void Without_an_endpoint_nothing_listens_to_the_service_sources()
    {
        using var provider = Build(new Dictionary<string, string?>(), "Test.Quiet");
        using var source = new ActivitySource("Test.Quiet");

        Assert.Null(provider.GetService<TracerProvider>());
        Assert.False(source.HasListeners());
    }

    [Fact]
    public void With_an_endpoint_the_service_sources_are_recorded_for_export()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" }, "Test.Exported");
        using var source = new ActivitySource("Test.Exported");

        Assert.NotNull(provider.GetService<TracerProvider>());
        using var activity = source.StartActivity("span");
        Assert.NotNull(activity);
        Assert.True(activity.Recorded);
    }

    [Theory]
    [InlineData("Telemetry:OtlpProtocol", "http", "Telemetry:OtlpProtocol must be 'grpc' or 'http/protobuf', not 'http'.")]
    [InlineData("Telemetry:OtlpEndpoint", "otel-collector:4317", "Telemetry:OtlpEndpoint must be an absolute http(s) URL")]
    public void A_setting_the_exporter_would_misread_stops_the_start_naming_the_key(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?> { [key] = value }, "Test.Bad"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, string source) =>
        new ServiceCollection()
            .AddPlatformTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "test", source)
            .BuildServiceProvider();
}
