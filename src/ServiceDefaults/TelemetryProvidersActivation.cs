using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>Resolves the providers at start, so that listening begins before the first span, not at first use.</summary>
internal sealed class TelemetryProvidersActivation(TracerProvider tracer, MeterProvider meter) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(tracer);
        GC.KeepAlive(meter);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
