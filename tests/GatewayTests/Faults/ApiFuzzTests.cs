using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using Platform.Testing.Faults;
using Xunit.Abstractions;

namespace Platform.GatewayTests.Faults;

/// <summary>
/// Every operation of the gateway's own OpenAPI document, called with hostile parameters and bodies by an admin:
/// no 5xx and no hang anywhere, every 400 and 413 a ProblemDetails, and hostile ids and filters change no row.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", LongFaults.Category)]
public sealed class ApiFuzzTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3).With("Auth:RequestsPerMinute", "100000000");
    private FuzzSeed seed = null!;
    private IReadOnlyList<OpenApiOperation> operations = [];

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        seed = await FuzzSeed.CreateAsync(host);
        using var anonymous = host.CreateClient();
        operations = OpenApiDocument.Operations(await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public void The_document_describes_enough_operations_for_the_fuzz_to_mean_something()
    {
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in /openapi/v1.json");
        Assert.Contains(operations, o => o.HasBody && o.Method == "POST");
        Assert.Contains(operations, o => o.Parameters.Any(p => p.In == "query"));
        Assert.Contains(operations, o => o.Parameters.Any(p => p.In == "path"));
    }

    [Fact]
    public async Task Hostile_path_and_query_parameters_never_cause_a_server_error_and_change_no_row()
    {
        using var http = host.ClientWithKey();
        var fuzz = new FuzzClient(http);
        var before = await TableFingerprint.TakeAsync(host.Database);

        // Reads name site A's resources where a parameter is not the hostile one; anything that writes names none.
        foreach (var request in FuzzCorpus.Parameters(operations, o => o.Method == "GET" ? seed.Id(o.Family, FuzzSeed.SiteA) : "fz-absent"))
        {
            await fuzz.SendAsync(request);
        }

        var after = await TableFingerprint.TakeAsync(host.Database);
        fuzz.Report(output, "hostile parameters");
        Assert.True(fuzz.Results.Count >= 500, $"only {fuzz.Results.Count} requests");
        var violations = ProblemAssertions.Violations(fuzz.Results);
        Assert.True(violations.Count == 0, string.Join('\n', violations.Take(30)));
        Assert.Empty(TableFingerprint.Changed(before, after));
    }

    [Fact]
    public async Task Hostile_bodies_never_cause_a_server_error_and_every_400_is_a_problem_details()
    {
        using var http = host.ClientWithKey();
        var fuzz = new FuzzClient(http);
        var before = await TableFingerprint.TakeAsync(host.Database);

        foreach (var request in FuzzCorpus.Bodies(operations, o => seed.Id(o.Family, FuzzSeed.SiteA)))
        {
            await fuzz.SendAsync(request);
        }

        var after = await TableFingerprint.TakeAsync(host.Database);
        fuzz.Report(output, "hostile bodies");
        Assert.True(fuzz.Results.Count >= 300, $"only {fuzz.Results.Count} requests");
        var violations = ProblemAssertions.Violations(fuzz.Results);
        Assert.True(violations.Count == 0, string.Join('\n', violations.Take(30)));
        Assert.Contains(fuzz.Results, r => r.Status == HttpStatusCode.BadRequest);
        // Valid bodies may legitimately create or change rows; nothing may be lost.
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, t => Assert.True(Count(after[t.Key]) >= Count(t.Value), $"{t.Key} lost rows"));
        foreach (var family in new[] { "sites", "cameras", "sensors", "rules", "clips", "recordings", "alerts" })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/{family}/{seed.Id(family, FuzzSeed.SiteB)}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_on_every_operation_that_takes_one()
    {
        using var http = host.ClientWithKey();
        var fuzz = new FuzzClient(http);
        var oversize = new byte[(1024 * 1024) + 1];
        Array.Fill(oversize, (byte)' ');
        var before = await TableFingerprint.TakeAsync(host.Database);

        foreach (var operation in operations.Where(o => o.HasBody))
        {
            var result = await fuzz.SendAsync(new FuzzRequest(operation, "1 MiB + 1 body", operation.Method,
                FuzzCorpus.Url(operation, seed.Id(operation.Family, FuzzSeed.SiteA), null, null, true), oversize, "application/json"));
            Assert.True(result.Status == HttpStatusCode.RequestEntityTooLarge, result.ToString());
        }

        fuzz.Report(output, "oversize bodies");
        Assert.Empty(ProblemAssertions.Violations(fuzz.Results));
        Assert.True(fuzz.Results.Count >= 5, $"only {fuzz.Results.Count} operations take a body");
        Assert.Empty(TableFingerprint.Changed(before, await TableFingerprint.TakeAsync(host.Database)));
    }

    private static long Count(string fingerprint) => long.Parse(fingerprint.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
}
