using Platform.LocalInfra;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One local S3 server shared by a test collection: starting Node takes about a second, too slow per test.
/// Tests stay independent by each using its own bucket.
/// </summary>
public sealed class S3Fixture : IAsyncLifetime
{
    private S3Server? server;

    public S3Server Server => server ?? throw new InvalidOperationException("The S3 fixture has not been initialized.");

    /// <summary>A new client for <see cref="Server"/>; the caller disposes it.</summary>
    public LocalS3Client CreateClient() => LocalS3Client.Create(Server);

    public async Task InitializeAsync()
    {
        server = await S3Server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
