using Npgsql;

namespace Platform.Gateway.Api.Clips;

/// <summary>
/// Removes a clip for DELETE /api/clips/{id} and for retention: the objects first, then the row. In that order a
/// crash between the two leaves a row whose objects are gone (the next removal finishes it, as deleting a missing
/// object succeeds), never an object that no row points at any more (which nothing would ever delete).
/// </summary>
public sealed partial class ClipRemoval(IClipObjects objects, NpgsqlDataSource db, ILogger<ClipRemoval> logger)
{
    /// <summary>True when this call deleted the row; false when it was gone already (another gateway, a concurrent DELETE).</summary>
    public async Task<bool> RemoveAsync(ClipLocation location, CancellationToken cancellationToken)
    {
        // A row naming objects the gateway may not touch (another bucket, another camera's keys) loses only the row:
        // the catalog entry is ours to drop, the objects are not ours to delete.
        if (ClipObjectGuard.Refusal(location, objects.Bucket) is { } refusal)
        {
            LogRowOnly(location.Id, refusal);
        }
        else
        {
            await objects.DeleteAsync(location.ObjectKey, cancellationToken);
            if (location.ThumbnailKey is { } thumbnail)
            {
                await objects.DeleteAsync(thumbnail, cancellationToken);
            }
        }

        return await ClipCatalog.DeleteAsync(db, location, cancellationToken);
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Clip {ClipId}: deleting its catalog row only, its objects are not the gateway's to delete ({Reason})")]
    private partial void LogRowOnly(string clipId, string reason);
}
