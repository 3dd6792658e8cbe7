using Microsoft.Extensions.Hosting;
using Platform.Silo;

var builder = Host.CreateApplicationBuilder(args);
using var embeddedBroker = SiloServices.StartEmbeddedBrokerIfAsked(builder.Configuration);
builder.Services.AddSilo(builder.Configuration);
using var host = builder.Build();
await host.RunAsync();
