using System.Net.Http.Json;
using System.Text.Json;
using Platform.GatewayTests.Catalog;

namespace Platform.GatewayTests.Faults;

/// <summary>
/// Two sites with a camera, a sensor, a rule, a clip, a recording, an alert and an API key each, made through the API
/// (catalog rows as the silo writes them): site A is the caller's, site B another's.
/// </summary>
internal sealed class FuzzSeed
{
    public const string SiteA = "fz-a";
    public const string SiteB = "fz-b";

    private readonly Dictionary<(string Family, string Site), string> ids = [];

    /// <summary>The id of the seeded resource of <paramref name="family"/> ("cameras", …) in <paramref name="site"/>.</summary>
    public string Id(string family, string site) => ids.GetValueOrDefault((family, site), $"{site}-no-{family}");

    public static async Task<FuzzSeed> CreateAsync(GatewayHost host)
    {
        var seed = new FuzzSeed();
        using var admin = host.ClientWithKey();
        var clips = new ClipStore(host);
        foreach (var site in new[] { SiteA, SiteB })
        {
            await Ok(admin.PostAsJsonAsync("/api/sites", new { id = site, name = $"Site {site}" }));
            await Ok(admin.PostAsJsonAsync("/api/cameras", new { id = $"cam-{site}", siteId = site, name = "Door", sourceUrl = "rtsp://10.0.0.5/s", retentionDays = 7 }));
            await Ok(admin.PostAsync("/api/sensors", Json($$"""{"id":"ds-{{site}}","siteId":"{{site}}","cameraId":"cam-{{site}}","name":"Door","zones":[{"id":"door","name":"Door","polygon":[{"x":0,"y":0},{"x":100,"y":0},{"x":100,"y":100},{"x":0,"y":100}]}]}""")));
            await Ok(admin.PostAsync("/api/rules", Json($$"""
                {"id":"rule-{{site}}","name":"Person at door","sensorIds":["ds-{{site}}"],
                 "condition":{"type":"object-in-zone","zoneId":"door","classes":["Person"],"trigger":"on-enter"},
                 "actions":[{"type":"record","cameraId":"cam-{{site}}"}]}
                """)));
            await clips.InsertAsync(new TestClip($"clip-{site}", $"cam-{site}", TestClip.Noon) { RuleId = $"rule-{site}" });
            await CatalogSeed.SessionAsync(host.Database, $"ses-{site}", $"cam-{site}", $"rule-{site}", TestClip.Noon);
            await CatalogSeed.AlertAsync(host.Database, $"alert-{site}", $"cam-{site}", $"ds-{site}", $"rule-{site}", "Person", TestClip.Noon);
            var key = await (await Ok(admin.PostAsJsonAsync("/api/keys", new { name = $"key {site}", role = "viewer", siteId = site }))).Content.ReadFromJsonAsync<JsonElement>();
            seed.ids[("sites", site)] = site;
            seed.ids[("cameras", site)] = $"cam-{site}";
            seed.ids[("sensors", site)] = $"ds-{site}";
            seed.ids[("rules", site)] = $"rule-{site}";
            seed.ids[("clips", site)] = $"clip-{site}";
            seed.ids[("recordings", site)] = $"ses-{site}";
            seed.ids[("alerts", site)] = $"alert-{site}";
            seed.ids[("keys", site)] = key.GetProperty("id").GetString()!;
        }

        return seed;
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"seeding: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
