using Microsoft.AspNetCore.Builder;
using Platform.Silo;
using Platform.Silo.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
using var embeddedBroker = SiloServices.StartEmbeddedBrokerIfAsked(builder.Configuration);
builder.AddSilo();
await using var app = builder.Build();
app.MapSilo();
await ShutdownDeadline.RunAsync(app);
