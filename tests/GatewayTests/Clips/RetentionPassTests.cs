using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Retention;
using Platform.Testing;

namespace Platform.GatewayTests.Clips;

/// <summary>One retention pass against the real catalog and object store, on a fixed clock.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RetentionPassTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    // The background loop is off: the test runs the pass itself.
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3).With("Retention:Enabled", "false");
    private ClipStore store = null!;

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        store = new ClipStore(host);
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_pass_deletes_aged_and_over_budget_clips_objects_first_and_keeps_the_rest()
    {
        await store.AddCameraAsync("cam-age", retentionDays: 7);
        await store.AddCameraAsync("cam-budget", retentionBytes: 2500);
        await store.AddCameraAsync("cam-forever");
        var aged = await UploadAsync("clip-aged", "cam-age", days: 10, size: 300, thumbnail: true);
        var fresh = await UploadAsync("clip-fresh", "cam-age", days: 1, size: 300, thumbnail: true);
        // Its objects were deleted by an earlier, interrupted removal: the row must still go.
        await store.InsertAsync(new TestClip("clip-half-gone", "cam-age", Now.AddDays(-20)));
        var newest = await UploadAsync("clip-b1", "cam-budget", days: 1, size: 1000);
        var middle = await UploadAsync("clip-b2", "cam-budget", days: 2, size: 1000);
        var oldest = await UploadAsync("clip-b3", "cam-budget", days: 3, size: 1000);
        var ancient = await UploadAsync("clip-ancient", "cam-forever", days: 400, size: 5000);

        var report = await Pass().RunAsync(CancellationToken.None);

        Assert.False(report.Skipped);
        Assert.Equal(
            [new CameraRetentionReport("cam-age", 2, 1300, 2, 0, 0), new CameraRetentionReport("cam-budget", 1, 1000, 0, 1, 0)],
            report.Cameras);
        foreach (var gone in new[] { aged, oldest })
        {
            Assert.False(await store.RowExistsAsync(gone.Id));
            Assert.False(await store.ObjectExistsAsync(gone.ObjectKey));
        }

        Assert.False(await store.ObjectExistsAsync(aged.ThumbnailKey!));
        Assert.False(await store.RowExistsAsync("clip-half-gone"));
        foreach (var kept in new[] { fresh, newest, middle, ancient })
        {
            Assert.True(await store.RowExistsAsync(kept.Id));
            Assert.True(await store.ObjectExistsAsync(kept.ObjectKey));
        }

        Assert.True(await store.ObjectExistsAsync(fresh.ThumbnailKey!));
        Assert.Equal(0, (await Pass().RunAsync(CancellationToken.None)).Clips);
    }

    [Fact]
    public async Task A_pass_is_skipped_while_another_gateway_holds_the_retention_lock()
    {
        await store.AddCameraAsync("cam-age", retentionDays: 1);
        var aged = await UploadAsync("clip-aged", "cam-age", days: 5, size: 100);
        await using var other = await host.Database.OpenConnectionAsync();
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(x'726574656e74696f'::bigint)", other))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        var skipped = await Pass().RunAsync(CancellationToken.None);
        Assert.True(skipped.Skipped);
        Assert.True(await store.RowExistsAsync(aged.Id));

        await using (var unlockCommand = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", other))
        {
            await unlockCommand.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, (await Pass().RunAsync(CancellationToken.None)).Clips);
        Assert.False(await store.RowExistsAsync(aged.Id));
    }

    [Fact]
    public async Task A_pass_stops_at_its_allowance_and_the_next_one_continues_oldest_first()
    {
        await store.AddCameraAsync("cam-age", retentionDays: 1);
        for (var i = 1; i <= 3; i++)
        {
            await UploadAsync($"clip-{i}", "cam-age", days: 10 + i, size: 10);
        }

        var first = await Pass(maxClips: 2).RunAsync(CancellationToken.None);

        Assert.Equal(2, first.Clips);
        Assert.True(await store.RowExistsAsync("clip-1"));
        Assert.False(await store.RowExistsAsync("clip-3"));
        Assert.Equal(1, (await Pass(maxClips: 2).RunAsync(CancellationToken.None)).Clips);
        Assert.False(await store.RowExistsAsync("clip-1"));
    }

    /// <summary>The gateway's own removal (its S3 client and bucket) with a fixed clock.</summary>
    private RetentionPass Pass(int maxClips = 2000) => new(
        host.Database, host.Services.GetRequiredService<ClipRemoval>(), Options.Create(new RetentionOptions { MaxClipsPerPass = maxClips }),
        new FakeTimeProvider(Now), NullLogger<RetentionPass>.Instance);

    private Task<TestClip> UploadAsync(string id, string cameraId, int days, int size, bool thumbnail = false) =>
        store.UploadAsync(new TestClip(id, cameraId, Now.AddDays(-days)), new byte[size], thumbnail ? [0xFF, 0xD8, 0xFF] : null);
}
