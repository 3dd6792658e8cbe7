using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.EdgeAgent.Live;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.EdgeAgent;

/// <summary>
/// Live view at the edge: start-live and stop-live commands on the real broker, the agent's ffmpeg HLS run from the real
/// RTSP test camera, its files mirrored to the real S3 server, and nothing left running or stored after the stream ends.
/// </summary>
[Collection(EdgeAgentCollection.Name)]
public sealed class EdgeAgentLiveViewTests(KafkaFixture kafka, S3Fixture s3, EdgeCameraFixture camera, ITestOutputHelper output)
{
    private static readonly CameraId Lobby = CameraId.From("lobby");

    private Task<EdgeAgentHarness> StartAsync() =>
        EdgeAgentHarness.StartAsync(kafka, s3, output, [new TestCamera("lobby", camera.Server.Url("cam1").AbsoluteUri, [])]);

    private static string Live(string command, string streamId, DateTimeOffset leaseUntil) =>
        $$"""{"command":"{{command}}","cameraId":"lobby","streamId":"{{streamId}}","leaseUntil":"{{UtcMillisecondsJsonConverter.ToWire(leaseUntil)}}"}""";

    [Fact]
    public async Task Start_live_puts_a_playing_hls_stream_of_now_in_S3_and_stop_live_ends_it_and_removes_every_object()
    {
        await using var agent = await StartAsync();
        var streams = agent.Services.GetRequiredService<LiveStreams>();
        var clock = Stopwatch.StartNew();

        await agent.SendAsync(Live(LiveViewCommand.StartLive, "s1", DateTimeOffset.UtcNow.AddMinutes(1)), key: "lobby");
        var playlistKey = LiveObjectKeys.Key(Lobby, "s1", LiveObjectKeys.Playlist);
        string playlist = "";
        await Eventually.WaitAsync(async () =>
        {
            var keys = await agent.ListKeysAsync();
            if (!keys.Contains(playlistKey))
            {
                return false;
            }

            playlist = Encoding.UTF8.GetString(await agent.GetObjectAsync(playlistKey));
            return LiveMirror.SegmentsOf(playlist).Count >= 2;
        }, TimeSpan.FromSeconds(30), () => $"a playlist of two segments in S3 (last read: {playlist})");
        output.WriteLine($"command to a playlist of two segments in S3: {clock.Elapsed.TotalSeconds:F2} s");

        // Every segment the playlist names is there, and the newest shows (nearly) now: the stream is live, not a replay.
        var keys = await agent.ListKeysAsync();
        var segments = LiveMirror.SegmentsOf(playlist);
        Assert.All(segments, s => Assert.Contains(LiveObjectKeys.Key(Lobby, "s1", s), keys));
        var newest = playlist.Split('\n').Where(l => l.StartsWith("#EXT-X-PROGRAM-DATE-TIME:", StringComparison.Ordinal)).Last()[25..].Trim();
        var age = DateTimeOffset.UtcNow - DateTimeOffset.Parse(newest, CultureInfo.InvariantCulture);
        output.WriteLine($"newest segment began {age.TotalSeconds:F2} s ago");
        Assert.InRange(age.TotalSeconds, -1, 6);
        var file = agent.WriteFile("segment.ts", await agent.GetObjectAsync(LiveObjectKeys.Key(Lobby, "s1", segments[^1])));
        await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-xerror", "-i", file, "-f", "null", "-"], TimeSpan.FromSeconds(30));
        Assert.Equal(("lobby", "s1", true), Assert.Single(streams.Running));

        await agent.SendAsync(Live(LiveViewCommand.StopLive, "s1", DateTimeOffset.UtcNow), key: "lobby");

        await Eventually.WaitAsync(() => streams.Running.Count == 0, TimeSpan.FromSeconds(15), "the stream to stop");
        Assert.DoesNotContain(await agent.ListKeysAsync(), k => k.StartsWith("live/", StringComparison.Ordinal));
        Assert.Empty(FfmpegWritingBelow(Path.Combine(agent.CacheDirectory, LiveStreams.DirectoryName)));
    }

    [Fact]
    public async Task A_stream_whose_lease_is_not_renewed_stops_by_itself_and_a_start_after_its_lease_starts_nothing()
    {
        await using var agent = await StartAsync();
        var streams = agent.Services.GetRequiredService<LiveStreams>();

        await agent.SendAsync(Live(LiveViewCommand.StartLive, "expired", DateTimeOffset.UtcNow.AddSeconds(-1)), key: "lobby");
        await agent.SendAsync(Live(LiveViewCommand.StartLive, "short", DateTimeOffset.UtcNow.AddSeconds(12)), key: "lobby");

        await Eventually.WaitAsync(() => streams.Running.Any(s => s.Published), TimeSpan.FromSeconds(30), "the short-leased stream to publish");
        Assert.Equal("short", Assert.Single(streams.Running).StreamId);
        // The cloud says nothing more: the lease (12 s from sending) ends it, checked every second.
        await Eventually.WaitAsync(() => streams.Running.Count == 0, TimeSpan.FromSeconds(25), "the lease to end the stream");
        Assert.DoesNotContain(await agent.ListKeysAsync(), k => k.StartsWith("live/", StringComparison.Ordinal));
    }

    /// <summary>ffmpeg processes with an argument below <paramref name="directory"/>.</summary>
    private static IReadOnlyList<int> FfmpegWritingBelow(string directory) =>
        Platform.EdgeAgent.Cache.OrphanedRecorders.Find(directory);
}
