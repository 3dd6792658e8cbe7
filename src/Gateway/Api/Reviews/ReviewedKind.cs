using Platform.Gateway.Api.Alerts;

namespace Platform.Gateway.Api.Reviews;

/// <summary>
/// What can be reviewed: the two kinds of the events timeline. <see cref="InScope"/> selects the event with id $2
/// if the caller's site scope $1 (null: every site) covers it, with the same site rule as the event's own listing.
/// </summary>
internal sealed record ReviewedKind(string Kind, string InScope)
{
    public static readonly ReviewedKind Alert = new("alert",
        $"SELECT a.id FROM alerts a WHERE a.id = $2 AND ($1::text IS NULL OR {AlertEndpoints.SiteOfAlert} = $1)");

    public static readonly ReviewedKind Recording = new("recording",
        "SELECT s.id FROM recording_sessions s WHERE s.id = $2 AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM cameras c WHERE c.id = s.camera_id AND c.site_id = $1))");
}
