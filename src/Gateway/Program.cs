using Platform.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();
var app = builder.Build();
app.UseGateway();
await app.RunAsync();

/// <summary>The entry point, public so that tests can host the gateway with WebApplicationFactory.</summary>
public partial class Program;
