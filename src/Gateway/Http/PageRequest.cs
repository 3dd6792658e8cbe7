namespace Platform.Gateway.Http;

/// <summary>The `limit` of a listing: 1 to 500, 50 unless asked.</summary>
public static class PageRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static int Limit(int? requested, FieldErrors errors)
    {
        if (requested is { } limit && (limit < 1 || limit > MaxLimit))
        {
            errors.Add("limit", $"Between 1 and {MaxLimit}.");
        }

        return Math.Clamp(requested ?? DefaultLimit, 1, MaxLimit);
    }

    /// <summary>Fetch one row more than the page: its presence says whether there is a next page.</summary>
    public static Page<T> From<T>(List<T> rows, int limit, Func<T, string> cursorOf) =>
        rows.Count > limit
            ? new Page<T>(rows.GetRange(0, limit), cursorOf(rows[limit - 1]))
            : new Page<T>(rows, null);
}
