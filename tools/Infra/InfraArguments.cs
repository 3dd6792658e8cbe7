using System.Globalization;
using Platform.LocalInfra;

namespace Platform.Infra;

/// <summary>The command line of platform-infra.</summary>
internal sealed record InfraArguments(string EnvFile, LocalInfrastructureOptions Options)
{
    public const string Usage =
        "usage: platform-infra --env-file PATH [--cameras cam1,cam2|none] [--topic NAME:PARTITIONS]... [--no-kafka] [--no-postgres] [--no-s3]";

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
                case "--topic" when i + 1 < args.Count:
                    var topic = args[++i].Split(':');
                    if (topic.Length != 2 || topic[0].Length == 0 || !int.TryParse(topic[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) || partitions < 1)
                    {
                        error = $"--topic takes NAME:PARTITIONS (a name and a count ≥ 1), not '{args[i]}'";
                        return false;
                    }

                    options = options with { ExtraTopics = new Dictionary<string, int>(options.ExtraTopics) { [topic[0]] = partitions } };
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
