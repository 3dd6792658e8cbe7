using Npgsql;
using Platform.Gateway.Http;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api;

/// <summary>Checks the edge agent a camera body names: registered, and at the camera's site (an agent records its own site's cameras).</summary>
public static class AgentLookup
{
    public static async Task CheckAsync(NpgsqlDataSource db, string? agentId, string? siteId, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (agentId is null)
        {
            return;
        }

        var sites = await db.ListAsync("SELECT site_id FROM edge_agents WHERE id = $1", r => r.GetString(0), cancellationToken, agentId);
        if (sites.Count == 0)
        {
            errors.Add("agentId", $"No edge agent '{agentId}' is registered (POST /api/agents registers one).");
        }
        else if (sites[0] != siteId)
        {
            errors.Add("agentId", siteId is null
                ? $"Edge agent '{agentId}' records cameras of site '{sites[0]}': set siteId to it."
                : $"Edge agent '{agentId}' belongs to site '{sites[0]}', the camera to site '{siteId}'.");
        }
    }
}
