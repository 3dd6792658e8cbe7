using System.Runtime.InteropServices;
using Platform.Demo;
using Platform.LocalInfra;
using Platform.LocalPlatform;

// platform-demo: the whole platform on this machine until Ctrl-C — infrastructure, silo, gateway, one edge agent
// with two RTSP test cameras, a seeded site and the simulator playing scenes. `./platform demo` runs it.
//   platform-demo --env-file PATH [--configuration Release]
var envFile = Argument("--env-file") ?? Path.Combine(RepositoryPaths.FindRepositoryRoot(), ".platform", "demo.env");
var configuration = Argument("--configuration") ?? "Release";

using var stopping = new CancellationTokenSource();
using var onSigInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });
using var onSigTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });
static void Say(string line) => Console.WriteLine($"  … {line}");

var logs = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(envFile))!, "logs");
await using var platform = await LocalPlatformRun.StartAsync(
    new LocalPlatformOptions { Configuration = configuration, LogDirectory = logs }, Say, stopping.Token);
Say("seeding a site, cameras, sensors and rules through the gateway's API");
await DemoSeed.SeedAsync(platform.GatewayUrl, platform.AdminKey, platform.CameraIds,
    platform.CameraIds.ToDictionary(c => c, c => platform.Infrastructure.Cameras!.Url(c)), TimeProvider.System, stopping.Token);

var variables = platform.Describe();
await EnvFile.WriteAsync(envFile, variables);
Console.WriteLine($"""

      Web UI:   {variables["UI_URL"]}
      API key:  {variables["API_KEY"]}   (sign in with it; also in {envFile})
      API docs: {variables["GATEWAY_URL"]}/swagger
      Logs:     {logs}

    READY: a person walks into the entrance zone every minute; its clip shows up under Clips. Ctrl-C stops everything.

    """);

await Task.WhenAll(
    new ScenePlayback(platform.KafkaBootstrap, platform.CameraIds).RunAsync(Say, stopping.Token),
    new ClipWatch(platform.GatewayUrl, platform.AdminKey).RunAsync(Say, stopping.Token));
Console.WriteLine("stopping the platform");
File.Delete(envFile);
return 0;

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
