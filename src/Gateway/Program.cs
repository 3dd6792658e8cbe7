using Platform.Gateway;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The web UI is copied next to the assembly (Gateway.csproj), so it is served whatever the working directory is:
    // `dotnet Platform.Gateway.dll` started from a log folder (the local platform), a container's WORKDIR or a test host.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.AddGateway();
var app = builder.Build();
app.UseGateway();
await app.RunAsync();

/// <summary>The entry point, public so that tests can host the gateway with WebApplicationFactory.</summary>
public partial class Program;
