namespace Platform.EdgeAgent.Spool;

/// <summary>
/// Which clips leave a full spool: the oldest first (by spool time, then id for a stable order) until both the
/// count and the byte bound hold. Pure. The newest clip is treated like the rest: one clip bigger than the whole
/// byte bound is evicted too, because the bound protects the disk.
/// </summary>
internal static class SpoolEviction
{
    public static IReadOnlyList<SpoolItem> Select(IEnumerable<SpoolItem> items, int maxCount, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(items);
        var ordered = items.OrderBy(i => i.SpooledAt).ThenBy(i => i.ClipId.Value, StringComparer.Ordinal).ToList();
        var count = ordered.Count;
        var bytes = ordered.Sum(i => i.Bytes);
        var evicted = new List<SpoolItem>();
        foreach (var item in ordered)
        {
            if (count <= maxCount && bytes <= maxBytes)
            {
                break;
            }

            evicted.Add(item);
            count--;
            bytes -= item.Bytes;
        }

        return evicted;
    }
}
