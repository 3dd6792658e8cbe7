using Platform.Gateway.Api.Agents;
using Platform.Gateway.Api.Alerts;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Api.Continuous;
using Platform.Gateway.Api.Cameras;
using Platform.Gateway.Api.Events;
using Platform.Gateway.Api.Health;
using Platform.Gateway.Api.Keys;
using Platform.Gateway.Api.Live;
using Platform.Gateway.Api.Metrics;
using Platform.Gateway.Api.Recordings;
using Platform.Gateway.Api.Reviews;
using Platform.Gateway.Api.Rules;
using Platform.Gateway.Api.Sensors;
using Platform.Gateway.Api.Sites;
using Platform.Gateway.Configuration;
using Platform.Gateway.Http;
using Platform.Gateway.Security;
using Platform.Gateway.Ui;

namespace Platform.Gateway;

/// <summary>The middleware order and every route group. Everything under /api needs a caller, except signing in.</summary>
public static class GatewayApplication
{
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var limits = app.Services.GetRequiredService<GatewayLimits>();
        app.UseRequestSizeLimit(limits);
        if (limits.CorsOrigins.Length > 0)
        {
            app.UseCors();
        }

        app.UseWebUi();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi();
        app.UseSwaggerUI(o => { o.SwaggerEndpoint("/openapi/v1.json", "Platform API v1"); o.RoutePrefix = "swagger"; });
        app.MapHealthEndpoints();

        var api = app.MapGroup("/api").RequireAuthorization(Policies.Read);
        api.MapSessionEndpoints();
        api.MapKeyEndpoints();
        api.MapSiteEndpoints();
        api.MapCameraEndpoints();
        api.MapAgentEndpoints();
        api.MapSensorEndpoints();
        api.MapRuleEndpoints();
        api.MapRecordingEndpoints();
        api.MapLiveEndpoints();
        api.MapEventEndpoints();
        api.MapAlertEndpoints();
        api.MapMetricEndpoints();
        api.MapClipEndpoints();
        api.MapContinuousEndpoints();
        api.MapReviewEndpoints();
        return app;
    }
}
