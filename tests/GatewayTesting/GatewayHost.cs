extern alias gateway;

using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Platform.Gateway.Security;
using Platform.Testing;
using Xunit;

namespace Platform.GatewayTesting;

/// <summary>
/// The real gateway in-process (WebApplicationFactory) against the collection's real PostgreSQL, broker and S3
/// server, with a database and a bucket of its own, a bootstrap admin key, and a real silo of its own
/// (<see cref="TestSilo"/>: same database, its own Orleans cluster id and topics) that the gateway joins as a cluster
/// client. The silo starts before the gateway (the gateway's start waits for a cluster to join) and stops after it.
/// The gateway runs on the in-memory test server, or with <c>listenOnLoopback</c> on Kestrel at a free port (a browser
/// needs TCP).
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<gateway::Program>, IAsyncLifetime
{
    public const string JwtIssuer = "test-issuer";
    public const string JwtAudience = "platform-api";
    public const string JwtSigningKey = "a-test-signing-key-that-is-at-least-32-bytes-long";

    private readonly KafkaFixture kafka;
    private readonly PostgresFixture postgres;
    private readonly S3Fixture s3;
    private readonly Dictionary<string, string?> settings = [];

    private readonly bool listenOnLoopback;

    public GatewayHost(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, bool listenOnLoopback = false)
    {
        this.kafka = kafka;
        this.postgres = postgres;
        this.s3 = s3;
        this.listenOnLoopback = listenOnLoopback;
    }

    /// <summary>http://127.0.0.1:{port} when listening on loopback, known once the host has started.</summary>
    public Uri? BaseUrl { get; private set; }

    public string AdminKey { get; } = ApiKeySecret.Generate().Value;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The silo beside this gateway; null until <see cref="InitializeAsync"/>.</summary>
    public TestSilo Silo { get; private set; } = null!;

    /// <summary>Where the silo writes alerts and the gateway's alert feed reads them.</summary>
    public string AlertsTopic => Silo.AlertsTopic;

    /// <summary>The gateway's own cluster client: what a test uses to ask a grain what it knows.</summary>
    public IClusterClient Cluster => Services.GetRequiredService<IClusterClient>();

    public string Bucket { get; } = $"clips-{Guid.NewGuid():N}";

    public string KafkaBootstrap => kafka.BootstrapServers;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public LocalS3Client CreateS3Client() => s3.CreateClient();

    /// <summary>With <c>listenOnLoopback</c>: the port Kestrel listens on; 0 (the default) lets the OS pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>Runs once the silo is up, just before the gateway starts: for a test that holds the gateway's start-up.</summary>
    public Func<GatewayHost, Task>? BeforeGatewayStarts { get; init; }

    /// <summary>Extra configuration, set before the first client is made.</summary>
    public GatewayHost With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await MigratedDatabases.CreateAsync(postgres.Server, "gateway");
        using (var client = s3.CreateClient())
        {
            await client.CreateBucketAsync(Bucket);
        }

        Database = NpgsqlDataSource.Create(ConnectionString);
        // Its own cluster id: a gateway that ignored Orleans:ClusterId would find no silo.
        Silo = new TestSilo(kafka, ConnectionString, $"gateway-tests-{Guid.NewGuid():N}");
        await Silo.StartAsync();
        if (BeforeGatewayStarts is { } hold)
        {
            await hold(this);
        }

        // The schema is there from the start (a migrated copy); tests may seed rows once the host has started.
        if (listenOnLoopback)
        {
            // Port 0: the OS picks a free port, so parallel runs never collide.
            UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
            StartServer();
            BaseUrl = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        }
        else
        {
            _ = Server;
        }
    }

    /// <summary>A client that sends <paramref name="apiKey"/> (the bootstrap admin's when null).</summary>
    public HttpClient ClientWithKey(string? apiKey = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, apiKey ?? AdminKey);
        return client;
    }

    /// <summary>Creates a key with the admin key and returns a client that uses it.</summary>
    public async Task<HttpClient> ClientWithRoleAsync(string role, string? siteId = null)
    {
        using var admin = ClientWithKey();
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = $"{role} key", role, siteId });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<Platform.Gateway.Api.Keys.CreatedApiKey>();
        return ClientWithKey(created!.Key);
    }

    /// <summary>Stops the silo now (the gateway keeps running): the cluster is then unavailable to the gateway.</summary>
    public Task StopSiloAsync() => Silo.StopAsync();

    /// <summary>The gateway first (a silo stopping under it would fail its last calls), then the silo.</summary>
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Postgres:ConnectionString", ConnectionString);
        builder.UseSetting("Kafka:BootstrapServers", kafka.BootstrapServers);
        builder.UseSetting("Kafka:AlertsTopic", AlertsTopic);
        builder.UseSetting("Orleans:ClusterId", Silo.ClusterId);
        builder.UseSetting("S3:ServiceUrl", s3.Server.ServiceUrl.ToString());
        builder.UseSetting("S3:Bucket", Bucket);
        builder.UseSetting("S3:AccessKey", s3.Server.AccessKey);
        builder.UseSetting("S3:SecretKey", s3.Server.SecretKey);
        builder.UseSetting("Auth:BootstrapApiKey", AdminKey);
        builder.UseSetting("Auth:Jwt:Issuer", JwtIssuer);
        builder.UseSetting("Auth:Jwt:Audience", JwtAudience);
        builder.UseSetting("Auth:Jwt:SigningKey", JwtSigningKey);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
