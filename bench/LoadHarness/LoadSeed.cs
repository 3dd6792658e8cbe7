using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Rules;

namespace Platform.LoadHarness;

/// <summary>
/// Seeds the load's configuration through the gateway's API, as an operator would: one site; per sensor i a camera
/// `load-cam-i` and a sensor `load-i` linked to it, with one zone over the whole frame; for the first
/// <see cref="HarnessOptions.RuleSensors"/> sensors a rule that records the camera while an object is in the zone,
/// throttled by the cooldown. Requests run in parallel (the gateway's rate limit is raised for the run).
/// </summary>
internal static class LoadSeed
{
    public const string SiteId = "load";
    public const string ZoneId = "frame";
    private const int Parallelism = 8;

    public static string SensorId(int index) => $"load-{index.ToString(CultureInfo.InvariantCulture)}";

    public static string CameraId(int index) => $"load-cam-{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The sensor a camera was seeded for: commands name the camera, events the sensor.</summary>
    public static string SensorOfCamera(string cameraId) => "load-" + cameraId["load-cam-".Length..];

    public static IReadOnlyList<string> SensorIds(int count) => [.. Enumerable.Range(1, count).Select(SensorId)];

    public static async Task SeedAsync(Uri gateway, string apiKey, HarnessOptions options, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        await PostAsync(http, "/api/sites", JsonContent.Create(new { id = SiteId, name = "Load site" }), cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(1, options.Sensors),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => await SeedSensorAsync(http, i, i <= options.RuleSensors, options, ct));
    }

    private static async Task SeedSensorAsync(HttpClient http, int index, bool withRule, HarnessOptions options, CancellationToken cancellationToken)
    {
        await PostAsync(http, "/api/cameras", JsonContent.Create(new
        {
            id = CameraId(index),
            siteId = SiteId,
            name = $"Load camera {index}",
        }), cancellationToken);
        await PostAsync(http, "/api/sensors", JsonContent.Create(new
        {
            id = SensorId(index),
            siteId = SiteId,
            cameraId = CameraId(index),
            name = $"Load sensor {index}",
            zones = new[] { new Zone { Id = ZoneId, Name = "Whole frame", Polygon = [new(0, 0), new(1920, 0), new(1920, 1080), new(0, 1080)] } },
        }), cancellationToken);
        if (withRule)
        {
            var rule = new Rule
            {
                Id = RuleId.From($"load-rule-{index.ToString(CultureInfo.InvariantCulture)}"),
                Name = $"Record load camera {index}",
                SensorIds = [new SensorId(SensorId(index))],
                Condition = new ObjectInZoneCondition { ZoneId = ZoneId, Trigger = ZoneTrigger.WhilePresent },
                Cooldown = options.Cooldown,
                Actions = [new RecordAction { PreRoll = options.PreRoll, PostRoll = options.PostRoll }],
            };
            await PostAsync(http, "/api/rules",
                new StringContent(JsonSerializer.Serialize(rule, RulesJsonContext.Default.Rule), Encoding.UTF8, "application/json"), cancellationToken);
        }
    }

    private static async Task PostAsync(HttpClient http, string path, HttpContent body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(path, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Seeding failed: POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
