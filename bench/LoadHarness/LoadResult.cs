namespace Platform.LoadHarness;

/// <summary>Everything one run measured, raw; <see cref="ResultsReport"/> derives the rates and percentiles.</summary>
internal sealed record LoadResult
{
    public required HarnessOptions Options { get; init; }

    public required MachineInfo Machine { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required string LoadAverageAfter { get; init; }

    public required double SeedSeconds { get; init; }

    public required DateTimeOffset LoadStartedUtc { get; init; }

    public required double BrokerProduceRate { get; init; }

    /// <summary>Seconds from the first event to the last one handed to the producer.</summary>
    public required double LoadSeconds { get; init; }

    public required long Published { get; init; }

    public required long DeliveryFailures { get; init; }

    /// <summary>Once a second from the load's start, through the drain.</summary>
    public required IReadOnlyList<BacklogSample> Samples { get; init; }

    /// <summary>Seconds after the load's start when the last event was applied; null: not within the drain timeout.</summary>
    public required double? DrainedAt { get; init; }

    public required IReadOnlyList<CommandLatency> Latencies { get; init; }

    public required long Commands { get; init; }

    public required long UnmatchedCommands { get; init; }

    /// <summary>Average cores per process while the load was offered.</summary>
    public required IReadOnlyDictionary<string, double> CoresDuringLoad { get; init; }

    /// <summary>Average cores per process from the load's start until drained (or the drain timeout).</summary>
    public required IReadOnlyDictionary<string, double> CoresUntilDrained { get; init; }

    public required IReadOnlyDictionary<string, double> PeakRssMiB { get; init; }

    /// <summary>Busiest threads per process while the load was offered: (thread name, cores).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<(string Name, double Cores)>> BusiestThreads { get; init; }

    /// <summary>PostgreSQL transactions committed (pg_stat_database) from the load's start until drained.</summary>
    public required long PostgresCommits { get; init; }
}
