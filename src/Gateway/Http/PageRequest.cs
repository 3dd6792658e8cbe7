using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.Http;

/// <summary>The `limit` (1 to 500, 50 unless asked) and `cursor` of a listing, or the 400 naming what is wrong.</summary>
public static class PageRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>How a listing pages, for its OpenAPI description.</summary>
    public static readonly string Paging =
        $"Paged: `limit` 1 to {MaxLimit} (default {DefaultLimit}); pass the response's `nextCursor` back as `cursor` for the next page (null: this was the last).";

    public static int Limit(int? requested, FieldErrors errors)
    {
        if (requested is { } limit && (limit < 1 || limit > MaxLimit))
        {
            errors.Add("limit", $"Between 1 and {MaxLimit}.");
        }

        return Math.Clamp(requested ?? DefaultLimit, 1, MaxLimit);
    }

    /// <summary>A listing ordered by id.</summary>
    public static (int Size, string? After, ValidationProblem? Problem) ById(string? cursor, int? limit)
    {
        var errors = new FieldErrors();
        var size = Limit(limit, errors);
        var after = Cursor.AfterId(cursor, errors);
        return (size, after, errors.Any ? Problems.Invalid(errors.ToDictionary()) : null);
    }

    /// <summary>A listing ordered newest first by (time, id).</summary>
    public static (int Size, (DateTimeOffset At, string Id)? After, ValidationProblem? Problem) ByTime(string? cursor, int? limit)
    {
        var errors = new FieldErrors();
        var size = Limit(limit, errors);
        var after = Cursor.AfterTimeAndId(cursor, errors);
        return (size, after, errors.Any ? Problems.Invalid(errors.ToDictionary()) : null);
    }

    /// <summary>Fetch one row more than the page: its presence says whether there is a next page.</summary>
    public static Page<T> From<T>(List<T> rows, int limit, Func<T, string> cursorOf) =>
        rows.Count > limit
            ? new Page<T>(rows.GetRange(0, limit), cursorOf(rows[limit - 1]))
            : new Page<T>(rows, null);
}
