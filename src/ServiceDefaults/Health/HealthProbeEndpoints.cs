using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Kubernetes' probes on any endpoint route builder: /healthz (the process serves requests: live) and /readyz (every
/// check tagged <see cref="HealthTags.Ready"/> passes). Used by <see cref="HealthEndpointServer"/> beside a worker and
/// by services that have a web host of their own (the silo).
/// </summary>
public static class HealthProbeEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";

    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder endpoints, HealthCheckService checks)
    {
        endpoints.MapGet(LivePath, context => Write(context, HealthStatus.Healthy, null));
        endpoints.MapGet(ReadyPath, async context =>
        {
            var report = await checks.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), context.RequestAborted);
            await Write(context, report.Status, report);
        });
        return endpoints;
    }

    // 503 for anything but Healthy: a Degraded dependency is not ready either. The body says which check failed
    // (descriptions only, never exception details, which may hold connection strings).
    private static Task Write(HttpContext context, HealthStatus status, HealthReport? report)
    {
        context.Response.StatusCode = status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", status.ToString());
            if (report is not null)
            {
                json.WriteStartObject("checks");
                foreach (var (name, entry) in report.Entries)
                {
                    json.WriteStartObject(name);
                    json.WriteString("status", entry.Status.ToString());
                    if (entry.Description is not null)
                    {
                        json.WriteString("description", entry.Description);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).AsTask();
    }
}
