using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Simulator.Scenes;

namespace Platform.LocalPlatform;

/// <summary>
/// Configures the demo through the gateway's API, as an operator would: a site, one platform camera per RTSP test
/// camera, and for each a sensor with the zones, lines and rules of the simulator scene that will play on it.
/// </summary>
public static class DemoSeed
{
    public const string SiteId = "demo";

    /// <summary>Seconds of video the scenes' record actions take from before their trigger (see SceneRules), plus one.</summary>
    public const double PreRollSeconds = 6;

    /// <summary>The scene each camera gets, in order (more cameras than scenes reuse them).</summary>
    public static readonly IReadOnlyList<string> Scenes = ["loitering", "line-crossing", "crowd"];

    public static SensorId SensorOf(string cameraId) => new($"ds-{cameraId}");

    /// <summary>The script of the scene seeded for <paramref name="cameraId"/>, starting at <paramref name="start"/>.</summary>
    public static SceneScript Script(IReadOnlyList<string> cameraIds, string cameraId, DateTimeOffset start)
    {
        var scene = SceneCatalog.Find(Scenes[IndexOf(cameraIds, cameraId) % Scenes.Count])!;
        return scene.Build(SensorOf(cameraId), new CameraId(cameraId), start);
    }

    /// <param name="time">The clock the scenes will play on: a scene's schedule (off-schedule) depends on its start.</param>
    public static async Task SeedAsync(Uri gateway, string apiKey, IReadOnlyList<string> cameraIds, IReadOnlyDictionary<string, Uri> sources,
        TimeProvider time, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        // The site exists when the local platform registered its edge agent there.
        await PostAsync(http, "/api/sites", JsonContent.Create(new { id = SiteId, name = "Demo site" }), cancellationToken, existsIsFine: true);
        foreach (var cameraId in cameraIds)
        {
            var script = Script(cameraIds, cameraId, time.GetUtcNow());
            await PostAsync(http, "/api/cameras", JsonContent.Create(new
            {
                id = cameraId,
                siteId = SiteId,
                name = $"{cameraId} ({script.Scene})",
                sourceUrl = sources[cameraId].AbsoluteUri,
                agentId = LocalPlatformRun.AgentId,
                retentionDays = 7,
            }), cancellationToken);
            await PostAsync(http, "/api/sensors", JsonContent.Create(new
            {
                id = script.Sensor.SensorId.Value,
                siteId = SiteId,
                cameraId,
                name = $"DeepStream {script.Scene}",
                zones = script.Sensor.Zones,
                lines = script.Sensor.Lines,
            }), cancellationToken);
            foreach (var rule in script.Sensor.Rules)
            {
                await PostAsync(http, "/api/rules",
                    new StringContent(JsonSerializer.Serialize(rule, RulesJsonContext.Default.Rule), Encoding.UTF8, "application/json"), cancellationToken);
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> cameraIds, string cameraId)
    {
        for (var i = 0; i < cameraIds.Count; i++)
        {
            if (cameraIds[i] == cameraId)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{cameraId}' is not one of the demo cameras.", nameof(cameraId));
    }

    /// <summary>
    /// Waits until the edge agent records every camera with at least <paramref name="cacheSeconds"/> of video behind it,
    /// so that a rule firing at once finds its pre-roll in the cache.
    /// </summary>
    public static async Task WaitUntilRecordingAsync(Uri gateway, string apiKey, IReadOnlyList<string> cameraIds, double cacheSeconds,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        var last = new Dictionary<string, string>();
        try
        {
            foreach (var cameraId in cameraIds)
            {
                while (true)
                {
                    var state = await http.GetFromJsonAsync<JsonElement>($"/api/cameras/{cameraId}/edge", bounded.Token);
                    last[cameraId] = $"{state.GetProperty("state").GetString()}: {state.GetProperty("reason").GetString()}";
                    if (state.GetProperty("state").GetString() == "recording" &&
                        state.GetProperty("reported").GetProperty("cacheSeconds").GetDouble() >= cacheSeconds)
                    {
                        break;
                    }

                    await Task.Delay(500, bounded.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The edge agent did not record the cameras within {timeout}: {string.Join("; ", last.Select(l => $"{l.Key} {l.Value}"))}");
        }
    }

    private static async Task PostAsync(HttpClient http, string path, HttpContent body, CancellationToken cancellationToken, bool existsIsFine = false)
    {
        using var response = await http.PostAsync(path, body, cancellationToken);
        if (!response.IsSuccessStatusCode && !(existsIsFine && response.StatusCode == System.Net.HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException(
                $"Seeding failed: POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
