using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Platform.Gateway.Http;

/// <summary>
/// Keyset paging: a cursor is the sort key of the last row of a page (for example its time and id), opaque to
/// clients (base64url JSON). The next page starts strictly after it, so rows inserted meanwhile never shift a
/// page or repeat a row, unlike OFFSET.
/// </summary>
public static class Cursor
{
    public static string Encode(params string[] keys) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(keys));

    /// <summary>False when <paramref name="cursor"/> was not made by Encode with <paramref name="count"/> keys.</summary>
    public static bool TryDecode(string cursor, int count, [NotNullWhen(true)] out string[]? keys)
    {
        keys = null;
        try
        {
            keys = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }

        return keys is { } decoded && decoded.Length == count && decoded.All(k => k is not null);
    }

    /// <summary>A time key that round-trips exactly (PostgreSQL keeps microseconds; so does this text).</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out value);


    /// <summary>The id a by-id listing continues after; a bad cursor is reported on <paramref name="errors"/>.</summary>
    public static string? AfterId(string? cursor, FieldErrors errors)
    {
        if (cursor is null)
        {
            return null;
        }

        if (TryDecode(cursor, 1, out var keys))
        {
            return keys[0];
        }

        errors.Add("cursor", "Not a cursor this listing returned.");
        return null;
    }

    /// <summary>The (time, id) a newest-first listing continues after; a bad cursor is reported on <paramref name="errors"/>.</summary>
    public static (DateTimeOffset At, string Id)? AfterTimeAndId(string? cursor, FieldErrors errors)
    {
        if (cursor is null)
        {
            return null;
        }

        if (TryDecode(cursor, 2, out var keys) && TryTime(keys[0], out var at))
        {
            return (at, keys[1]);
        }

        errors.Add("cursor", "Not a cursor this listing returned.");
        return null;
    }

    public static string Encode(DateTimeOffset at, string id) => Encode(Time(at), id);
}
