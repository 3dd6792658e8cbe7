using Microsoft.Extensions.Hosting;
using Platform.EdgeAgent;

// The edge recorder agent: see README.md. Configuration from appsettings.json, environment variables
// (EdgeAgent__Cameras__0__Id=…) and the command line (--EdgeAgent:AgentId=…).
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddEdgeAgent(builder.Configuration);
using var host = builder.Build();
await host.RunAsync();
