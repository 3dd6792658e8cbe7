using Platform.LocalInfra;

namespace Platform.Infra;

/// <summary>The command line of platform-infra.</summary>
internal sealed record InfraArguments(string EnvFile, LocalInfrastructureOptions Options)
{
    public const string Usage =
        "usage: platform-infra --env-file PATH [--cameras cam1,cam2|none] [--no-kafka] [--no-postgres] [--no-s3]";

    public static bool TryParse(IReadOnlyList<string> args, out InfraArguments arguments, out string error)
    {
        string? envFile = null;
        var options = new LocalInfrastructureOptions();
        arguments = new InfraArguments("", options);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--env-file" when i + 1 < args.Count:
                    envFile = args[++i];
                    break;
                case "--cameras" when i + 1 < args.Count:
                    var cameras = args[++i];
                    options = options with
                    {
                        Cameras = cameras == "none" ? [] : cameras.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    };
                    break;
                case "--no-kafka":
                    options = options with { Kafka = false };
                    break;
                case "--no-postgres":
                    options = options with { Postgres = false };
                    break;
                case "--no-s3":
                    options = options with { S3 = false };
                    break;
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return false;
            }
        }

        if (envFile is null)
        {
            error = "--env-file is required";
            return false;
        }

        arguments = new InfraArguments(Path.GetFullPath(envFile), options);
        error = "";
        return true;
    }
}
