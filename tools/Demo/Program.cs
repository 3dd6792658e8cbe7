using System.Runtime.InteropServices;
using Platform.Demo;
using Platform.LocalInfra;
using Platform.LocalPlatform;

// platform-demo: the whole platform on this machine until Ctrl-C — infrastructure, one silo (or N: one Orleans
// cluster), gateway, one registered edge agent recording two RTSP test cameras defined through the API, a seeded site and
// the simulator playing scenes.
// `./platform demo [--silos N]` runs it.
//   platform-demo --env-file PATH [--configuration Release] [--silos N]
if (!DemoArguments.TryParse(args, out var arguments, out var error))
{
    await Console.Error.WriteLineAsync($"platform-demo: {error}\n{DemoArguments.Usage}");
    return 2;
}

var envFile = arguments.EnvFile;

// Ctrl-C (SIGINT to the whole process group), SIGINT or SIGTERM to this process alone, or the terminal closing: all
// stop everything the demo started. The services stop together, each killed if it outlives a short grace.
using var stopping = new CancellationTokenSource();
using var onSigInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onSigTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onSigHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
static void Say(string line) => Console.WriteLine($"  … {line}");

var logs = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(envFile))!, "logs");
try
{
    // The dashboard is off by default everywhere else (it has no authentication); a demo is for looking at.
    await using var platform = await LocalPlatformRun.StartAsync(
        new LocalPlatformOptions { Configuration = arguments.Configuration, Silos = arguments.Silos, Dashboard = true, LogDirectory = logs },
        Say, stopping.Token);
    Say("seeding a site, cameras, sensors and rules through the gateway's API");
    await DemoSeed.SeedAsync(platform.GatewayUrl, platform.AdminKey, platform.CameraIds,
        platform.CameraIds.ToDictionary(c => c, c => platform.Infrastructure.Cameras!.Url(c)), TimeProvider.System, stopping.Token);
    Say($"waiting for edge agent '{LocalPlatformRun.AgentId}' to record the cameras the API gave it");
    await DemoSeed.WaitUntilRecordingAsync(platform.GatewayUrl, platform.AdminKey, platform.CameraIds, DemoSeed.PreRollSeconds,
        TimeSpan.FromSeconds(90), stopping.Token);

    var variables = platform.Describe();
    await EnvFile.WriteAsync(envFile, variables);
    Console.WriteLine($"""

          Web UI:     {variables["UI_URL"]}
          API key:    {variables["API_KEY"]}   (sign in with it; also in {envFile})
          API docs:   {variables["GATEWAY_URL"]}/swagger
          Orleans:    {Silos(platform)}, cluster '{variables["ORLEANS_CLUSTER_ID"]}'
          Dashboard:  {variables["ORLEANS_DASHBOARD_URL"]}   (Orleans Dashboard: silos, grains, calls; no sign-in)
          Logs:       {logs}

        READY: a person walks into the entrance zone every minute; its clip shows up under Clips. Ctrl-C stops everything.

        """);

    await Task.WhenAll(
        new ScenePlayback(platform.KafkaBootstrap, platform.CameraIds).RunAsync(Say, stopping.Token),
        new ClipWatch(platform.GatewayUrl, platform.AdminKey).RunAsync(Say, stopping.Token));
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    // Stopped while starting or seeding: what was started has been stopped on the way out.
}
finally
{
    File.Delete(envFile);
}

Console.WriteLine("Stopped: nothing the demo started is running.");
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    if (!stopping.IsCancellationRequested)
    {
        Console.WriteLine($"{context.Signal}: stopping the platform");
        stopping.Cancel();
    }
}

static string Silos(LocalPlatformRun platform) => platform.Silos.Count == 1
    ? "1 silo"
    : $"{platform.Silos.Count} silos ({string.Join(", ", platform.Silos.Select(s => $"{s.Process.Name} pid {s.Process.Pid}"))})";
