using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;
using Platform.Testing.Faults;
using Xunit.Abstractions;

namespace Platform.GatewayTests.Faults;

/// <summary>
/// Access control over every operation of the OpenAPI document: bad credentials get 401, too small a role 403,
/// another site's key 404 or nothing, and none of it changes a row.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", LongFaults.Category)]
public sealed class AccessFuzzTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3, ITestOutputHelper output) : IAsyncLifetime
{
    // Signing in and out is for callers without credentials.
    private static readonly HashSet<string> Anonymous = ["POST /api/session", "DELETE /api/session"];

    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3).With("Auth:RequestsPerMinute", "100000000");
    private FuzzSeed seed = null!;
    private IReadOnlyList<OpenApiOperation> operations = [];

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        seed = await FuzzSeed.CreateAsync(host);
        using var anonymous = host.CreateClient();
        operations = OpenApiDocument.Operations(await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in /openapi/v1.json");
    }

    public Task DisposeAsync() => host.DisposeAsync();

    private IEnumerable<OpenApiOperation> Protected => operations.Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal) && !Anonymous.Contains(o.ToString()));

    [Fact]
    public async Task Missing_forged_expired_foreign_and_unsigned_credentials_get_401_on_every_operation()
    {
        using var http = host.CreateClient();
        var fuzz = new FuzzClient(http);
        var before = await TableFingerprint.TakeAsync(host.Database);

        foreach (var operation in Protected)
        {
            foreach (var (name, apply) in Credentials.Refused(host.AdminKey))
            {
                await fuzz.SendAsync(Request(operation, seed.Id(operation.Family, FuzzSeed.SiteA), name), apply);
            }
        }

        fuzz.Report(output, "refused credentials");
        var wrong = fuzz.Results.Where(r => r.Status != HttpStatusCode.Unauthorized).ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong.Take(30)));
        Assert.True(Protected.Count() >= 30, $"only {Protected.Count()} protected operations");
        Assert.Empty(TableFingerprint.Changed(before, await TableFingerprint.TakeAsync(host.Database)));
    }

    [Fact]
    public async Task Too_small_a_role_gets_403_on_every_operation_it_may_not_call()
    {
        using var viewer = await host.ClientWithRoleAsync("viewer");
        using var @operator = await host.ClientWithRoleAsync("operator");
        using var anonymous = host.CreateClient();
        var before = await TableFingerprint.TakeAsync(host.Database);
        var fuzz = new List<FuzzResult>();

        // Viewers read (watching a camera live, a POST, is reading); operators also write, except keys and creating or
        // deleting sites; a role the platform does not know reads nothing.
        foreach (var operation in Protected)
        {
            var request = Request(operation, seed.Id(operation.Family, FuzzSeed.SiteA), "role");
            if (operation.Method != "GET" && !operation.Path.Contains("/live", StringComparison.Ordinal))
            {
                fuzz.Add(Expect403(await new FuzzClient(viewer).SendAsync(request), "viewer"));
            }

            if (operation.Family == "keys" || (operation.Family == "sites" && operation.Method is "POST" or "DELETE"))
            {
                fuzz.Add(Expect403(await new FuzzClient(@operator).SendAsync(request), "operator"));
            }

            fuzz.Add(Expect403(await new FuzzClient(anonymous).SendAsync(request, Credentials.Bearer(Tokens.Create("guest"))), "guest token"));
        }

        output.WriteLine($"{fuzz.Count} requests with too small a role, all 403");
        Assert.True(fuzz.Count >= 50, $"only {fuzz.Count} requests");
        Assert.Empty(TableFingerprint.Changed(before, await TableFingerprint.TakeAsync(host.Database)));
    }

    [Fact]
    public async Task A_key_of_another_site_finds_nothing_of_it_and_changes_nothing()
    {
        using var siteAdmin = await host.ClientWithRoleAsync("admin", FuzzSeed.SiteA);
        var fuzz = new FuzzClient(siteAdmin);
        var before = await TableFingerprint.TakeAsync(host.Database);
        string[] foreign = [.. new[] { "cameras", "sensors", "rules", "clips", "recordings", "alerts", "keys" }.Select(f => seed.Id(f, FuzzSeed.SiteB))];

        foreach (var operation in Protected)
        {
            var hasId = operation.Parameters.Any(p => p.In == "path");
            var result = await fuzz.SendAsync(Request(operation, seed.Id(operation.Family, FuzzSeed.SiteB), "site B's id"));
            if (hasId)
            {
                // Never a success. A body the handler refuses before it looks the resource up is a 400; a 403 only where
                // the caller may not act on any such resource, so that it is the same for an id that does not exist.
                var absent = await fuzz.SendAsync(Request(operation, "fz-absent", "an id that does not exist"));
                Assert.True(result.Status == HttpStatusCode.NotFound || (operation.HasBody && result.Status == HttpStatusCode.BadRequest)
                    || (result.Status == HttpStatusCode.Forbidden && absent.Status == HttpStatusCode.Forbidden), $"{result} / {absent}");
            }
            else if (operation.Method == "GET" && (int)result.Status == 200 && !operation.Path.EndsWith("/stream", StringComparison.Ordinal))
            {
                var body = await siteAdmin.GetStringAsync(result.Request.Url);
                Assert.All(foreign, id => Assert.DoesNotContain($"\"{id}\"", body, StringComparison.Ordinal));
            }
        }

        fuzz.Report(output, "site B's resources with site A's key");
        Assert.Empty(ProblemAssertions.Violations(fuzz.Results));
        Assert.Empty(TableFingerprint.Changed(before, await TableFingerprint.TakeAsync(host.Database)));
    }

    private static FuzzResult Expect403(FuzzResult result, string who)
    {
        Assert.True(result.Status == HttpStatusCode.Forbidden, $"{who}: {result}");
        return result;
    }

    private static FuzzRequest Request(OpenApiOperation operation, string id, string hostility)
    {
        var body = operation.ExampleBody is { } example ? Encoding.UTF8.GetBytes(example.ToJsonString()) : null;
        return new FuzzRequest(operation, hostility, operation.Method, FuzzCorpus.Url(operation, id, null, null, true), body, body is null ? null : "application/json");
    }
}
