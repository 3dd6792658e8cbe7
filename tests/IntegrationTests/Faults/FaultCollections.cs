using Platform.IntegrationTests.EdgeAgent;
using Platform.Testing;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// Silo fault tests: processes killed under load, PostgreSQL restarted. They load both cores, so they run alone,
/// after the parallel collections (a broker and databases of their own per test; the fixture holds reference databases).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloFaultsCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "faults-silo";
}

/// <summary>Edge agent fault tests: they stop S3, the broker and the agent, so they run alone, with servers of their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EdgeFaultsCollection : ICollectionFixture<S3Fixture>, ICollectionFixture<EdgeCameraFixture>
{
    public const string Name = "faults-edge";
}
