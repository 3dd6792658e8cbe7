using Microsoft.Extensions.Hosting;

// The grain host arrives with the silo issue; until then the process only starts and stops cleanly.
var builder = Host.CreateApplicationBuilder(args);
using var host = builder.Build();
await host.RunAsync();
