using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Rules;

/// <summary>A rule naming a class no detector reports would never fire: the gateway refuses it, naming the known ones.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RuleClassTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3)
{
    private const string Sensor = """
        {"id":"ds-c","name":"Door","zones":[{"id":"door","name":"Door","polygon":[{"x":0,"y":0},{"x":100,"y":0},{"x":100,"y":100}]}]}
        """;

    [Fact]
    public Task A_misspelt_class_is_refused_with_the_known_classes_and_any_case_of_a_known_one_is_accepted() => WithGatewayAsync(async admin =>
    {
        var misspelt = await Post(admin, "/api/rules", Rule("typo", """["Person","Persn"]"""));
        var lowerCase = await Post(admin, "/api/rules", Rule("lower", """["person","CAR"]"""));
        var vocabulary = await admin.GetFromJsonAsync<JsonElement>("/api/rule-vocabulary");

        var errors = await Errors(misspelt);
        Assert.Equal(["condition.classes[1]"], errors.Keys);
        Assert.Equal(
            "No detector reports the class 'Persn', so the rule would never fire. Known classes: Person, Vehicle, Car, Bicycle, RoadSign, Face, Bag.",
            errors["condition.classes[1]"]);
        Assert.Equal(HttpStatusCode.Created, lowerCase.StatusCode);
        Assert.Equal(["Person", "Vehicle", "Car", "Bicycle", "RoadSign", "Face", "Bag"], Strings(vocabulary.GetProperty("classes")));
        Assert.Contains("zone", Strings(vocabulary.GetProperty("placeholders")));
        Assert.Equal(["IN", "OUT"], Strings(vocabulary.GetProperty("analyticsDirections").GetProperty("tripwire")));
    });

    [Fact]
    public Task Rules_known_classes_replaces_the_deepstream_labels_for_a_deployment_with_its_own_model() => WithGatewayAsync(async admin =>
    {
        var forklift = await Post(admin, "/api/rules", Rule("forklift", """["forklift"]"""));
        var person = await Post(admin, "/api/rules", Rule("person", """["Person"]"""));

        Assert.Equal(HttpStatusCode.Created, forklift.StatusCode);
        Assert.EndsWith("Known classes: Forklift, Pallet.", (await Errors(person))["condition.classes[0]"], StringComparison.Ordinal);
    }, ("Rules:KnownClasses:0", "Forklift"), ("Rules:KnownClasses:1", "Pallet"));

    /// <summary>A gateway with <paramref name="settings"/> and a sensor "ds-c" with zone "door"; <paramref name="test"/> gets an admin client.</summary>
    private async Task WithGatewayAsync(Func<HttpClient, Task> test, params (string Key, string Value)[] settings)
    {
        var host = new GatewayHost(kafka, postgres, s3);
        foreach (var (key, value) in settings)
        {
            host.With(key, value);
        }

        await host.InitializeAsync();
        try
        {
            using var admin = host.ClientWithKey();
            await Post(admin, "/api/sensors", Sensor);
            await test(admin);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static string Rule(string id, string classes) => $$"""
        {"id":"{{id}}","name":"{{id}}","sensorIds":["ds-c"],"condition":{"type":"object-in-zone","zoneId":"door","classes":{{classes}}},
         "actions":[{"type":"alert","severity":"info","messageTemplate":"{class} at {zone}"}]}
        """;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<Dictionary<string, string>> Errors(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString())));
    }
}
