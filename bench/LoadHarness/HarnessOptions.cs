using System.Globalization;

namespace Platform.LoadHarness;

/// <summary>
/// The run's parameters: `--rate R --duration T --sensors N [--silos S] [--rules-fraction F] [--objects K] [--cooldown S]`.
/// Rule sensors fire once per cooldown (while-present over a zone covering the frame), so commands come at
/// ruleSensors / cooldown per second: a rate the harness knows in advance.
/// </summary>
internal sealed record HarnessOptions
{
    public double Rate { get; init; } = 2000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public int Sensors { get; init; } = 1000;

    /// <summary>Silo processes in the cluster (they share the device topic's partitions).</summary>
    public int Silos { get; init; } = 1;

    public double RulesFraction { get; init; } = 0.1;

    /// <summary>Random-walk objects per sensor (full schema: one message moves one object).</summary>
    public int ObjectsPerSensor { get; init; } = 3;

    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(10);

    // Pre-roll + post-roll shorter than the cooldown: every firing opens a fresh session, so each command's start
    // is exactly trigger − pre-roll (an extension would keep the old start and hide the trigger).
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan PostRoll { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to wait after the load for the backlog to drain.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>1 KB messages of the raw broker burst before the load.</summary>
    public int BrokerProbeMessages { get; init; } = 60_000;

    public int RuleSensors => (int)Math.Round(Sensors * RulesFraction);

    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HarnessOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--rate" => options with { Rate = Number(value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(value)) },
                "--sensors" => options with { Sensors = (int)Number(value) },
                "--silos" => options with { Silos = (int)Number(value) },
                "--rules-fraction" => options with { RulesFraction = Number(value) },
                "--objects" => options with { ObjectsPerSensor = (int)Number(value) },
                "--cooldown" => options with { Cooldown = TimeSpan.FromSeconds(Number(value)) },
                "--drain-timeout" => options with { DrainTimeout = TimeSpan.FromSeconds(Number(value)) },
                "--broker-probe-messages" => options with { BrokerProbeMessages = (int)Number(value) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        if (options.Rate <= 0 || options.Duration <= TimeSpan.Zero || options.Sensors < 1 || options.Silos < 1 || options.RulesFraction is < 0 or > 1)
        {
            throw new ArgumentException("--rate and --duration must be positive, --sensors and --silos at least 1, --rules-fraction within [0, 1]");
        }

        if (options.PreRoll + options.PostRoll >= options.Cooldown)
        {
            throw new ArgumentException("--cooldown must exceed pre-roll + post-roll (5 s), so that every firing opens a new session");
        }

        return options;
    }

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
