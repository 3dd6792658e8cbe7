using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.LocalPlatform;

/// <summary>
/// Registers the local platform's edge agent the way an operator would: its site, then the agent, through the gateway's
/// API. The answer's config key is what makes the agent follow the cameras the API defines for it.
/// </summary>
internal static class LocalAgentRegistration
{
    public static async Task<string> RegisterAsync(Uri gateway, string apiKey, string siteId, string agentId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        using (var site = await http.PostAsJsonAsync("/api/sites", new { id = siteId, name = "Demo site" }, cancellationToken))
        {
            await EnsureAsync(site, "POST /api/sites", cancellationToken);
        }

        using var agent = await http.PostAsJsonAsync("/api/agents", new { id = agentId, siteId, name = "Demo edge agent" }, cancellationToken);
        await EnsureAsync(agent, "POST /api/agents", cancellationToken);
        var body = await agent.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("configKey").GetString()
            ?? throw new InvalidOperationException("POST /api/agents answered without a config key.");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException(
                $"Registering the edge agent failed: {what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
