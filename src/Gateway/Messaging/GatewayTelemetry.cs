using System.Diagnostics;

namespace Platform.Gateway.Messaging;

/// <summary>The gateway's own ActivitySource ("Platform.Gateway"): calls into the cluster.</summary>
public static class GatewayTelemetry
{
    public static readonly ActivitySource Source = new("Platform.Gateway");
}
