using System.Globalization;
using Platform.Gateway.Http;

namespace Platform.Gateway.Api.Continuous;

/// <summary>A from..to query, checked with every problem named by its field.</summary>
public readonly record struct TimeRange(DateTimeOffset From, DateTimeOffset To)
{
    // Far outside any recording, and far enough from DateTimeOffset's ends that a default range can be subtracted.
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TimeSpan Length => To - From;

    /// <summary>
    /// Reads <paramref name="from"/> and <paramref name="to"/> (ISO-8601; without an offset, UTC). A missing one takes
    /// <paramref name="defaultFrom"/>/<paramref name="defaultTo"/>, or is an error when that is null.
    /// </summary>
    public static TimeRange? Parse(string? from, string? to, Func<DateTimeOffset, DateTimeOffset>? defaultFrom, DateTimeOffset? defaultTo,
        TimeSpan max, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var end = Read("to", to, errors) ?? (to is null ? defaultTo : null);
        if (to is null && defaultTo is null)
        {
            errors.Add("to", "Required (ISO-8601, e.g. 2026-12-07T10:00:00Z).");
        }

        var start = Read("from", from, errors) ?? (from is null && end is { } e ? defaultFrom?.Invoke(e) : null);
        if (from is null && defaultFrom is null)
        {
            errors.Add("from", "Required (ISO-8601, e.g. 2026-12-07T09:00:00Z).");
        }

        if (start is not { } s || end is not { } t)
        {
            return null;
        }

        if (t <= s)
        {
            errors.Add("to", "Must be after from.");
            return null;
        }

        if (t - s > max)
        {
            errors.Add("to", $"At most {Describe(max)} after from.");
            return null;
        }

        return new TimeRange(s, t);
    }

    private static DateTimeOffset? Read(string field, string? text, FieldErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            if (value >= Earliest && value < Latest)
            {
                return value;
            }

            errors.Add(field, "Between the years 2000 and 8999.");
            return null;
        }

        errors.Add(field, "Not a time: use ISO-8601, e.g. 2026-12-07T09:00:00Z.");
        return null;
    }

    private static string Describe(TimeSpan span) => span.TotalHours >= 24 && span.TotalDays == Math.Floor(span.TotalDays)
        ? $"{span.TotalDays.ToString(CultureInfo.InvariantCulture)} days"
        : span.TotalMinutes >= 60 ? $"{span.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h"
        : $"{span.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} min";
}
