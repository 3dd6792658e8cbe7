using Platform.Testing;

namespace Platform.BrowserTests;

/// <summary>
/// Browser tests share one broker, one PostgreSQL cluster, one S3 server and one Chromium; each test gets its own
/// gateway (database, topics, bucket) and its own browser context (cookies), so tests stay independent.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<KafkaFixture>, ICollectionFixture<PostgresFixture>, ICollectionFixture<S3Fixture>,
    ICollectionFixture<ChromiumFixture>
{
    public const string Name = "browser";
}
