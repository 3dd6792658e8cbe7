using Platform.Infra;
using Platform.LocalInfra;

// platform-infra: runs the local infrastructure in the foreground until SIGINT/SIGTERM, writing where each
// part listens to an env file. `./platform infra up` runs it in the background, `./platform demo` in front.
//   platform-infra --env-file PATH [--cameras cam1,cam2] [--no-kafka] [--no-postgres] [--no-s3]
if (!InfraArguments.TryParse(args, out var arguments, out var error))
{
    await Console.Error.WriteLineAsync($"platform-infra: {error}\n{InfraArguments.Usage}");
    return 2;
}

using var stopping = new CancellationTokenSource();
using var onSigInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });
using var onSigTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });

await using var infrastructure = await LocalInfrastructure.StartAsync(arguments.Options,
    step => Console.WriteLine($"  … {step}"), stopping.Token);
var variables = infrastructure.Describe();
await EnvFile.WriteAsync(arguments.EnvFile, variables);
foreach (var (name, value) in variables)
{
    Console.WriteLine($"  {name}={value}");
}

Console.WriteLine($"READY (written to {arguments.EnvFile}; Ctrl-C or SIGTERM stops everything)");
try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("stopping the local infrastructure");
}

File.Delete(arguments.EnvFile);
return 0;
