using Microsoft.Extensions.Hosting;

// The recorder agent arrives with the edge agent issue; until then the process only starts and stops cleanly.
var builder = Host.CreateApplicationBuilder(args);
using var host = builder.Build();
await host.RunAsync();
