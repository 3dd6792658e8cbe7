using System.Globalization;
using Platform.LocalInfra;

namespace Platform.Demo;

/// <summary>The command line of platform-demo (`./platform demo [--silos N]` passes its options on).</summary>
internal sealed record DemoArguments(string EnvFile, string Configuration, int Silos)
{
    /// <summary>More silos than this on one 2-core machine only shows the machine struggling, not the cluster.</summary>
    public const int MaxSilos = 4;

    public const string Usage =
        "usage: platform-demo [--env-file PATH] [--configuration Release|Debug] [--silos N]\n"
        + "  --silos N   run N silo processes (1 to 4, default 1) as one Orleans cluster; they share the Kafka partitions";

    public static bool TryParse(IReadOnlyList<string> args, out DemoArguments arguments, out string error)
    {
        arguments = new DemoArguments(
            Path.Combine(RepositoryPaths.FindRepositoryRoot(), ".platform", "demo.env"), "Release", 1);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--env-file" when i + 1 < args.Count:
                    arguments = arguments with { EnvFile = args[++i] };
                    break;
                case "--configuration" when i + 1 < args.Count:
                    arguments = arguments with { Configuration = args[++i] };
                    break;
                case "--silos" when i + 1 < args.Count:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var silos) || silos is < 1 or > MaxSilos)
                    {
                        error = $"--silos takes a number from 1 to {MaxSilos.ToString(CultureInfo.InvariantCulture)}, not '{args[i]}'";
                        return false;
                    }

                    arguments = arguments with { Silos = silos };
                    break;
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return false;
            }
        }

        arguments = arguments with { EnvFile = Path.GetFullPath(arguments.EnvFile) };
        error = "";
        return true;
    }
}
