using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Grains.Interfaces.Json;

namespace Platform.Simulator.Scenes;

/// <summary>
/// What `platform-sim scene NAME --print-config` prints for a seeder: the camera and the sensor (zones, lines and
/// rules) exactly as the contracts serialize them (<see cref="RulesJsonContext"/>), plus the firings to expect.
/// </summary>
public static class SceneConfigJson
{
    public static string Write(SceneScript script)
    {
        var root = new JsonObject
        {
            ["scene"] = script.Scene,
            ["camera"] = JsonSerializer.SerializeToNode(script.Camera, RulesJsonContext.Default.CameraConfig),
            ["sensor"] = JsonSerializer.SerializeToNode(script.Sensor, RulesJsonContext.Default.SensorConfig),
            ["expectedFirings"] = new JsonArray([.. script.ExpectedFirings.Select(f => (JsonNode)new JsonObject
            {
                ["ruleId"] = f.RuleId.Value,
                ["at"] = f.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
