using Platform.IntegrationTests.EdgeAgent;
using Platform.Testing;

namespace Platform.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaFixture>
{
    public const string Name = "kafka";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

/// <summary>Tests in this collection share one local S3 server; each uses its own bucket.</summary>
[CollectionDefinition(Name)]
public sealed class S3Collection : ICollectionFixture<S3Fixture>
{
    public const string Name = "s3";
}

/// <summary>Tests that read from the shared RTSP test camera (cam1, cam2) run in this collection.</summary>
[CollectionDefinition(Name)]
public sealed class RtspCollection : ICollectionFixture<RtspCameraFixture>
{
    public const string Name = "rtsp";
}

/// <summary>Silo tests: a broker and a PostgreSQL cluster of their own; each test its own topics, groups and database.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<KafkaFixture>, ICollectionFixture<PostgresFixture>
{
    public const string Name = "silo";
}

/// <summary>
/// Edge agent tests: one broker, one S3 server and one RTSP camera (several mounts) shared by the collection;
/// each test makes its own topics, bucket, cache and spool. Tests that stop the camera start their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EdgeAgentCollection :
    ICollectionFixture<KafkaFixture>, ICollectionFixture<S3Fixture>, ICollectionFixture<EdgeCameraFixture>
{
    public const string Name = "edge-agent";
}
