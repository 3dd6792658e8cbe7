namespace Platform.LocalPlatform;

/// <summary>One silo of the local cluster: its process and the ports it was given (each silo has its own, all on 127.0.0.1).</summary>
/// <param name="SiloPort">Orleans silo-to-silo port.</param>
/// <param name="GatewayPort">Orleans gateway port, where cluster clients (the gateway process) connect.</param>
/// <param name="DashboardUrl">The Orleans Dashboard when this silo serves it; null otherwise.</param>
public sealed record LocalSilo(ServiceProcess Process, int SiloPort, int GatewayPort, Uri? DashboardUrl);
