using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Silo.Storage;

namespace Platform.UnitTests.Silo;

public sealed class DatabaseRetryTests
{
    [Fact]
    public async Task A_call_failing_with_an_unreachable_server_is_retried_until_it_succeeds()
    {
        var attempts = 0;

        var result = await DatabaseRetry.RunAsync(() =>
        {
            attempts++;
            return attempts < 3 ? throw new SocketException((int)SocketError.ConnectionRefused) : Task.FromResult(42);
        }, NullLogger.Instance, "test");

        Assert.Equal(42, result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_bug_is_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseRetry.RunAsync(() =>
        {
            attempts++;
            throw new InvalidOperationException("not a database outage");
        }, NullLogger.Instance, "test"));

        Assert.Equal(1, attempts);
    }
}
