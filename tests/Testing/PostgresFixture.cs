using Platform.LocalInfra;
using Xunit;

namespace Platform.Testing;

/// <summary>One PostgreSQL cluster shared by a test collection; each test creates its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? server;

    public PostgresServer Server => server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) =>
        Server.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}");

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
