using Npgsql;
using Platform.Gateway.Storage;

namespace Platform.Gateway.Api.Reviews;

/// <summary>An alert or recording session marked as reviewed: by whom (the caller: an API key id or a token subject) and when.</summary>
public sealed record Review(string ReviewedBy, DateTimeOffset ReviewedAt)
{
    /// <summary>The review in columns reviewed_by, reviewed_at at <paramref name="ordinal"/> of a LEFT JOIN on event_reviews; null when none.</summary>
    public static Review? Read(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new Review(reader.GetString(ordinal), reader.Time(ordinal + 1));
}
