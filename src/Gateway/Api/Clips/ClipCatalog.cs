using System.Text;
using Npgsql;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Clips;

/// <summary>
/// The clip catalog in PostgreSQL (table clips, written by the silo). Site scope is a semi-join on cameras.site_id,
/// so clips of cameras missing from the cameras table belong to no site and only unscoped callers see them.
/// </summary>
public static class ClipCatalog
{
    private const string Columns =
        "c.id, c.camera_id, c.session_id, c.rule_id, c.sensor_id, c.command_id, c.agent_id, c.start_at, c.end_at, " +
        "c.requested_start, c.requested_end, c.start_clipped, c.duration_seconds, c.size_bytes, c.sha256, c.container, " +
        "c.created_at, c.bucket, c.object_key, c.thumbnail_key, c.rule_ids";


    /// <summary>One page (plus one row, see <see cref="Http.PageRequest.From"/>), newest first.</summary>
    public static Task<List<CatalogClip>> ListAsync(NpgsqlDataSource db, ClipListQuery query, CancellationToken cancellationToken)
    {
        var (sql, arguments) = ListCommand(query);
        return db.ListAsync(sql, Read, cancellationToken, arguments);
    }

    /// <summary>
    /// The listing's SQL and its positional arguments (public so that the benchmark can EXPLAIN exactly this). Only
    /// the filters given become predicates, so each plan is the plain index range scan (clips_camera_time,
    /// clips_rule_time, clips_time) that the ORDER BY matches, not one generic plan full of "$n IS NULL OR".
    /// </summary>
    public static (string Sql, object?[] Arguments) ListCommand(ClipListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var arguments = new List<object?>();
        string Next(object? value)
        {
            arguments.Add(value);
            return $"${arguments.Count}";
        }

        // Npgsql writes timestamptz only from UTC offsets; query-string times may carry any offset.
        var where = new StringBuilder("true");
        if (query.CameraId is not null) { where.Append($" AND c.camera_id = {Next(query.CameraId)}"); }
        if (query.RuleId is not null) { where.Append($" AND c.rule_id = {Next(query.RuleId)}"); }
        if (query.SessionId is not null) { where.Append($" AND c.session_id = {Next(query.SessionId)}"); }
        if (query.From is { } from) { where.Append($" AND c.start_at >= {Next(from.ToUniversalTime())}"); }
        if (query.To is { } to) { where.Append($" AND c.start_at < {Next(to.ToUniversalTime())}"); }
        if (query.After is { } after) { where.Append($" AND (c.start_at, c.id) < ({Next(after.StartAt.ToUniversalTime())}, {Next(after.Id)})"); }
        const string Order = "ORDER BY c.start_at DESC, c.id DESC";
        var limit = Next(query.Limit + 1);
        if (query.SiteId is null)
        {
            return ($"SELECT {Columns} FROM clips c WHERE {where} {Order} LIMIT {limit}", [.. arguments]);
        }

        if (query.CameraId is not null)
        {
            return ($"SELECT {Columns} FROM clips c WHERE {where} AND {InSite(Next(query.SiteId))} {Order} LIMIT {limit}", [.. arguments]);
        }

        // A whole site: the newest page of each of its cameras (a short index-only scan each), merged, and only the
        // winners read from the table. Scanning clips_time and filtering by site would read every newer clip of the
        // other sites; joining the site's cameras would sort all their clips; this reads cameras x page index
        // entries and one page of rows.
        return ($"""
            WITH page AS (
                SELECT p.id, p.start_at FROM cameras k
                CROSS JOIN LATERAL (SELECT c.id, c.start_at FROM clips c WHERE c.camera_id = k.id AND {where} {Order} LIMIT {limit}) p
                WHERE k.site_id = {Next(query.SiteId)} ORDER BY p.start_at DESC, p.id DESC LIMIT {limit})
            SELECT {Columns} FROM page JOIN clips c ON c.id = page.id {Order}
            """, [.. arguments]);
    }

    /// <summary>The clip, if it exists and (for a site-scoped caller) belongs to a camera of <paramref name="siteId"/>.</summary>
    public static async Task<CatalogClip?> FindAsync(NpgsqlDataSource db, string id, string? siteId, CancellationToken cancellationToken)
    {
        var sql = siteId is null
            ? $"SELECT {Columns} FROM clips c WHERE c.id = $1"
            : $"SELECT {Columns} FROM clips c WHERE c.id = $1 AND {InSite("$2")}";
        var rows = await db.ListAsync(sql, Read, cancellationToken, siteId is null ? [id] : [id, siteId]);
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// Deletes the row, but only if it still points at the objects just deleted: a row re-written meanwhile (same id,
    /// new upload) survives. True when this call removed it.
    /// </summary>
    public static async Task<bool> DeleteAsync(NpgsqlDataSource db, ClipLocation location, CancellationToken cancellationToken) =>
        await db.ExecuteAsync("DELETE FROM clips WHERE id = $1 AND bucket = $2 AND object_key = $3",
            cancellationToken, location.Id, location.Bucket, location.ObjectKey) == 1;

    private static string InSite(string siteParameter) =>
        $"EXISTS (SELECT 1 FROM cameras k WHERE k.id = c.camera_id AND k.site_id = {siteParameter})";

    private static CatalogClip Read(NpgsqlDataReader r)
    {
        var id = r.GetString(0);
        var thumbnailKey = r.NullableString(19);
        var clip = new Clip(id, r.GetString(1), r.NullableString(2), r.NullableString(3), r.GetFieldValue<string[]>(20), r.NullableString(4), r.NullableString(5),
            r.GetString(6), r.Time(7), r.Time(8), r.Time(9), r.Time(10), r.GetBoolean(11), r.GetDouble(12), r.GetInt64(13),
            r.GetString(14), r.GetString(15), r.Time(16), ClipUrls.Content(id), thumbnailKey is null ? null : ClipUrls.Thumbnail(id));
        return new(clip, new ClipLocation(id, clip.CameraId, r.GetString(17), r.GetString(18), thumbnailKey));
    }
}
