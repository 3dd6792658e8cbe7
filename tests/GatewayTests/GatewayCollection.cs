using Platform.Testing;

namespace Platform.GatewayTests;

/// <summary>Gateway tests share one broker, one PostgreSQL cluster and one S3 server; each test class gets its own database, topics and bucket.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<KafkaFixture>, ICollectionFixture<PostgresFixture>, ICollectionFixture<S3Fixture>
{
    public const string Name = "gateway";
}
