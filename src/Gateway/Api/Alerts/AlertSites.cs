using System.Collections.Concurrent;
using Npgsql;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Alerts;

/// <summary>
/// Which site an alert belongs to: its camera's, or for a sensor without a camera the sensor's. For filtering the
/// live alert feed without a query per alert per subscriber. Cached briefly: a camera or sensor moving between
/// sites is rare and a minute late is harmless.
/// </summary>
public sealed class AlertSites(NpgsqlDataSource db, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string? Site, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);

    public ValueTask<string?> SiteOfAsync(Alert alert, CancellationToken cancellationToken) =>
        alert.CameraId is { } camera
            ? LookUpAsync("camera/" + camera, "SELECT site_id FROM cameras WHERE id = $1", camera, cancellationToken)
            : LookUpAsync("sensor/" + alert.SensorId, "SELECT site_id FROM sensors WHERE id = $1", alert.SensorId, cancellationToken);

    private async ValueTask<string?> LookUpAsync(string key, string sql, string id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out var entry) && entry.Expires > clock.GetUtcNow())
        {
            return entry.Site;
        }

        var site = (await db.ListAsync(sql, r => r.NullableString(0), cancellationToken, id)).SingleOrDefault();
        cache[key] = (site, clock.GetUtcNow() + Lifetime);
        return site;
    }
}
