using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalPlatform;
using Platform.Messaging;
using Platform.Simulator.Messages;
using Platform.Simulator.Publishing;
using Platform.Simulator.Scenes;
using Platform.Testing;

namespace Platform.EndToEndTests;

/// <summary>
/// A started local platform with one camera seeded as the demo seeds it, driven as a device and an operator would:
/// a scene played on the device topic, clips read from the gateway's catalog and downloaded through it.
/// </summary>
internal sealed class SeededPlatform : IDisposable
{
    private static readonly TimeSpan ClipTimeout = TimeSpan.FromSeconds(120);

    private readonly LocalPlatformRun platform;
    private readonly string downloads;

    private SeededPlatform(LocalPlatformRun platform, string camera, string downloads)
    {
        this.platform = platform;
        this.downloads = downloads;
        Camera = camera;
        Api = new HttpClient { BaseAddress = platform.GatewayUrl };
        Api.DefaultRequestHeaders.Add("X-Api-Key", platform.AdminKey);
    }

    public string Camera { get; }

    /// <summary>The gateway's API with the admin key.</summary>
    public HttpClient Api { get; }

    /// <param name="downloads">Where downloaded clips go (the test's log directory, so that a failure leaves them there).</param>
    public static async Task<SeededPlatform> SeedAsync(LocalPlatformRun platform, string camera, string downloads)
    {
        await DemoSeed.SeedAsync(platform.GatewayUrl, platform.AdminKey, [camera],
            new Dictionary<string, Uri> { [camera] = platform.Infrastructure.Cameras!.Url(camera) }, TimeProvider.System, CancellationToken.None);
        // The agent records what the API gave it: the scene's pre-roll must be in its cache before the scene plays.
        await DemoSeed.WaitUntilRecordingAsync(platform.GatewayUrl, platform.AdminKey, [camera], DemoSeed.PreRollSeconds,
            TimeSpan.FromSeconds(90), CancellationToken.None);
        return new SeededPlatform(platform, camera, downloads);
    }

    /// <summary>Plays the camera's demo scene (a person walks into the entrance zone; its on-enter rule records) in real time.</summary>
    public async Task<SceneScript> PlaySceneAsync()
    {
        var script = DemoSeed.Script([Camera], Camera, DateTimeOffset.UtcNow.AddSeconds(1));
        using var sink = new KafkaDeepStreamSink(platform.KafkaBootstrap, PlatformTopics.DeepStreamEvents);
        await new ScenePlayer(sink, TimeProvider.System).PlayAsync(script, DeepStreamSchema.Full, CancellationToken.None);
        Assert.True(sink.Flush(TimeSpan.FromSeconds(10)), "the scene's events were not all delivered to the broker");
        Assert.Equal(0, sink.Failed);
        return script;
    }

    /// <summary>The first clip of the camera in GET /api/clips that <paramref name="match"/> accepts, once there is one.</summary>
    public async Task<JsonElement> WaitForClipAsync(Func<JsonElement, bool> match)
    {
        JsonElement found = default;
        await Eventually.WaitAsync(async () =>
        {
            var page = await Api.GetFromJsonAsync<JsonElement>($"/api/clips?cameraId={Camera}");
            var clips = page.GetProperty("items").EnumerateArray().Where(match).ToList();
            found = clips.FirstOrDefault();
            return clips.Count > 0;
        }, ClipTimeout, () => $"a clip of {Camera} in GET /api/clips; logs in {downloads}");
        return found;
    }

    /// <summary>Downloads the clip through the gateway (a redirect to S3) and decodes all of it with ffmpeg.</summary>
    public async Task AssertDecodesAsync(JsonElement clip)
    {
        var path = Path.Combine(downloads, clip.GetProperty("id").GetString() + ".mp4");
        await File.WriteAllBytesAsync(path, await Api.GetByteArrayAsync(clip.GetProperty("contentUrl").GetString()));
        Assert.Equal(clip.GetProperty("sizeBytes").GetInt64(), new FileInfo(path).Length);
        var errors = await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", path, "-f", "null", "-"], TimeSpan.FromSeconds(60));
        Assert.True(string.IsNullOrWhiteSpace(errors), $"decoding {path} reported: {errors}");
        Assert.True(clip.GetProperty("durationSeconds").GetDouble() > 3, "the clip has a few seconds of video");
    }

    public void Dispose() => Api.Dispose();
}
