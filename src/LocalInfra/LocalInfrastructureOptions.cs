namespace Platform.LocalInfra;

/// <summary>Which local parts to start. Everything is on by default; a test or tool turns off what it does not need.</summary>
public sealed record LocalInfrastructureOptions
{
    public bool Kafka { get; init; } = true;

    public bool Postgres { get; init; } = true;

    /// <summary>
    /// PostgreSQL in a process group of its own, out of reach of a terminal's Ctrl-C, for a caller that stops it itself
    /// after the services that need it (the demo); see <see cref="PostgresServer.StartAsync(bool, CancellationToken)"/>.
    /// </summary>
    public bool PostgresInOwnProcessGroup { get; init; }

    public bool S3 { get; init; } = true;

    /// <summary>Topics to create besides the platform's (the embedded broker has no CreateTopics): name → partitions.</summary>
    public IReadOnlyDictionary<string, int> ExtraTopics { get; init; } = new Dictionary<string, int>();

    /// <summary>Mount names of the RTSP test cameras; empty starts no RTSP server.</summary>
    public IReadOnlyList<string> Cameras { get; init; } = ["cam1", "cam2"];
}
