extern alias gateway;

using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Gateway.Security;
using Platform.Messaging;
using Platform.Testing;
using Xunit;

namespace Platform.GatewayTesting;

/// <summary>
/// The real gateway in-process (WebApplicationFactory) against the collection's real PostgreSQL, broker and S3
/// server, with a database, control and alert topics and a bucket of its own, and a bootstrap admin key. It runs
/// on the in-memory test server, or with <c>listenOnLoopback</c> on Kestrel at a free port (a browser needs TCP).
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

    public string ControlTopic { get; private set; } = "";

    public string AlertsTopic { get; private set; } = "";

    public string Bucket { get; } = $"clips-{Guid.NewGuid():N}";

    public string KafkaBootstrap => kafka.BootstrapServers;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public LocalS3Client CreateS3Client() => s3.CreateClient();

    /// <summary>Extra configuration, set before the first client is made.</summary>
    public GatewayHost With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("gateway");
        ControlTopic = kafka.CreateTopic("control", PlatformTopics.GrainPartitions);
        AlertsTopic = kafka.CreateTopic("alerts", 2);
        using var client = s3.CreateClient();
        await client.CreateBucketAsync(Bucket);
        Database = NpgsqlDataSource.Create(ConnectionString);
        // Starting the host migrates the schema; tests may seed rows right after.
        if (listenOnLoopback)
        {
            // Port 0: the OS picks a free port, so parallel runs never collide.
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
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

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Postgres:ConnectionString", ConnectionString);
        builder.UseSetting("Kafka:BootstrapServers", kafka.BootstrapServers);
        builder.UseSetting("Kafka:ControlTopic", ControlTopic);
        builder.UseSetting("Kafka:AlertsTopic", AlertsTopic);
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
