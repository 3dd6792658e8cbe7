namespace Platform.Gateway.Api.Alerts;

/// <summary>What one live-feed subscriber asked for; null fields match everything.</summary>
/// <param name="Scope">The caller's site scope (a site-scoped key), enforced like <paramref name="SiteId"/>.</param>
public sealed record AlertStreamFilter(string? Scope, string? SiteId, string? CameraId, string? RuleId, string? Severity)
{
    public async ValueTask<bool> PassesAsync(Alert alert, AlertSites sites, CancellationToken cancellationToken)
    {
        if ((CameraId is not null && alert.CameraId != CameraId)
            || (RuleId is not null && alert.RuleId != RuleId)
            || (Severity is not null && alert.Severity != Severity))
        {
            return false;
        }

        if (Scope is null && SiteId is null)
        {
            return true;
        }

        var site = await sites.SiteOfAsync(alert, cancellationToken);
        return site is not null && (Scope is null || site == Scope) && (SiteId is null || site == SiteId);
    }
}
