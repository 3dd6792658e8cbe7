using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.GatewayTests.Security;

[Collection(GatewayCollection.Name)]
public sealed class AccessControlTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    // Sessions are checked against their key on every request here (30 s in production), so that revocation shows at once.
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3).With("Auth:SessionKeyCheckInterval", "00:00:00");

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Api_refuses_callers_without_credentials_but_health_is_open()
    {
        using var anonymous = host.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/sites")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Malformed_unknown_and_revoked_keys_are_refused()
    {
        using var admin = host.ClientWithKey();
        var created = await (await admin.PostAsJsonAsync("/api/keys", new { name = "temp", role = "viewer" })).Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        using var viewer = host.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/sites")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{created.GetProperty("id").GetString()}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/sites")).StatusCode);
        using var forged = host.ClientWithKey(key[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/sites")).StatusCode);
        using var garbage = host.ClientWithKey("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await garbage.GetAsync("/api/sites")).StatusCode);
    }

    [Fact]
    public async Task A_key_is_shown_once_and_never_listed_again()
    {
        using var admin = host.ClientWithKey();
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = "ops", role = "operator" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        Assert.StartsWith("pk_", key, StringComparison.Ordinal);

        var listing = await admin.GetStringAsync("/api/keys");

        Assert.Contains("\"ops\"", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listing, StringComparison.Ordinal);
        // The secret is base64url, which may itself hold '_': it is everything after the id's separator.
        var secret = key[(key.IndexOf('_', "pk_".Length) + 1)..];
        Assert.Equal(43, secret.Length);
        Assert.DoesNotContain(secret, listing, StringComparison.Ordinal);
        Assert.All((await admin.GetFromJsonAsync<JsonElement[]>("/api/keys"))!, k => Assert.False(k.TryGetProperty("key", out _)));
    }

    [Fact]
    public async Task A_viewer_may_read_but_not_write_and_only_admins_manage_keys()
    {
        using var viewer = await host.ClientWithRoleAsync("viewer");
        using var @operator = await host.ClientWithRoleAsync("operator");
        using var admin = host.ClientWithKey();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", new { id = "north", name = "North" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/sites/north")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/sites/north", new { name = "Renamed" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await @operator.PutAsJsonAsync("/api/sites/north", new { name = "Renamed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await @operator.GetAsync("/api/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await @operator.PostAsJsonAsync("/api/keys", new { name = "x", role = "admin" })).StatusCode);
    }

    [Fact]
    public async Task A_site_scoped_key_cannot_see_or_change_another_site()
    {
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/sites", new { id = "east", name = "East" });
        await admin.PostAsJsonAsync("/api/sites", new { id = "west", name = "West" });
        using var eastOperator = await host.ClientWithRoleAsync("operator", "east");

        var listed = await eastOperator.GetFromJsonAsync<JsonElement>("/api/sites");

        Assert.Equal(["east"], listed.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await eastOperator.GetAsync("/api/sites/east")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eastOperator.GetAsync("/api/sites/west")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eastOperator.PutAsJsonAsync("/api/sites/west", new { name = "Mine now" })).StatusCode);
        Assert.Equal("West", (await admin.GetFromJsonAsync<JsonElement>("/api/sites/west")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_site_scoped_admin_cannot_mint_a_wider_key()
    {
        using var admin = host.ClientWithKey();
        await admin.PostAsJsonAsync("/api/sites", new { id = "south", name = "South" });
        await admin.PostAsJsonAsync("/api/sites", new { id = "harbour", name = "Harbour" });
        using var southAdmin = await host.ClientWithRoleAsync("admin", "south");

        var wider = await southAdmin.PostAsJsonAsync("/api/keys", new { name = "escalate", role = "admin", siteId = "harbour" });
        var implicitScope = await (await southAdmin.PostAsJsonAsync("/api/keys", new { name = "helper", role = "viewer" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, wider.StatusCode);
        Assert.True((await wider.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("siteId", out _));
        Assert.Equal("south", implicitScope.GetProperty("siteId").GetString());
    }

    [Fact]
    public async Task Bearer_tokens_are_checked_for_signature_expiry_audience_and_role()
    {
        using var client = host.CreateClient();
        async Task<HttpStatusCode> Send(string token, HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Send(Tokens.Create("viewer"), HttpMethod.Get, "/api/sites"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(Tokens.Create("admin", signingKey: "another-key-that-is-also-32-bytes-or-more"), HttpMethod.Get, "/api/sites"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(Tokens.Create("admin", lifetime: TimeSpan.FromMinutes(-5)), HttpMethod.Get, "/api/sites"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(Tokens.Create("admin", audience: "someone-else"), HttpMethod.Get, "/api/sites"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send("not.a.token", HttpMethod.Get, "/api/sites"));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(Tokens.Create("viewer"), HttpMethod.Put, "/api/sites/any", new { name = "x" }));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(Tokens.Create("guest"), HttpMethod.Get, "/api/sites"));
        Assert.Equal(HttpStatusCode.Created, await Send(Tokens.Create("admin"), HttpMethod.Post, "/api/sites", new { id = "jwt-site", name = "By token" }));
    }

    [Fact]
    public async Task The_web_ui_signs_in_with_a_key_and_gets_a_cookie_that_authorizes()
    {
        using var client = host.CreateClient();

        var refused = await client.PostAsJsonAsync("/api/session", new { apiKey = "pk_nobody_secret" });
        var signedIn = await client.PostAsJsonAsync("/api/session", new { apiKey = host.AdminKey });
        var me = await client.GetFromJsonAsync<JsonElement>("/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("admin", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/sites")).StatusCode);
    }

    [Fact]
    public async Task A_web_ui_session_ends_when_the_key_it_was_issued_for_is_revoked()
    {
        using var admin = host.ClientWithKey();
        var created = await (await admin.PostAsJsonAsync("/api/keys", new { name = "ui", role = "viewer" })).Content.ReadFromJsonAsync<JsonElement>();
        using var browser = host.CreateClient();
        await browser.PostAsJsonAsync("/api/session", new { apiKey = created.GetProperty("key").GetString() });
        var before = await browser.GetAsync("/api/sites");

        await admin.DeleteAsync($"/api/keys/{created.GetProperty("id").GetString()}");
        var after = await browser.GetAsync("/api/sites");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/sites")).StatusCode);
    }
}
