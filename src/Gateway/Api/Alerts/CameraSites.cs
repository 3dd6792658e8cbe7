using System.Collections.Concurrent;
using Npgsql;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Alerts;

/// <summary>
/// Which site a camera belongs to, for filtering the live alert feed of site-scoped callers without a query per
/// alert per subscriber. Cached briefly: a camera moving between sites is rare and a minute late is harmless.
/// </summary>
public sealed class CameraSites(NpgsqlDataSource db, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string? Site, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);

    public async ValueTask<string?> SiteOfAsync(string cameraId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(cameraId, out var entry) && entry.Expires > clock.GetUtcNow())
        {
            return entry.Site;
        }

        var site = (await db.ListAsync("SELECT site_id FROM cameras WHERE id = $1", r => r.NullableString(0), cancellationToken, cameraId)).SingleOrDefault();
        cache[cameraId] = (site, clock.GetUtcNow() + Lifetime);
        return site;
    }
}
