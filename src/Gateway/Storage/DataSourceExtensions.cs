using Npgsql;

namespace Platform.Gateway.Storage;

/// <summary>
/// Positional-parameter commands ($1, $2, …) without the ceremony; null arguments become SQL NULL; an NpgsqlParameter
/// (a typed one, e.g. jsonb) is used as given. A DateTimeOffset is sent as UTC: Npgsql refuses any other offset for
/// timestamptz, and callers pass times as clients wrote them (2026-12-01T09:00:00+01:00).
/// </summary>
public static class DataSourceExtensions
{
    public static NpgsqlCommand Command(this NpgsqlDataSource dataSource, string sql, params object?[] arguments)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            var value = argument is DateTimeOffset time ? time.ToUniversalTime() : argument;
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    public static async Task<List<T>> ListAsync<T>(this NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken, params object?[] arguments)
    {
        await using var command = dataSource.Command(sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task<int> ExecuteAsync(this NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object?[] arguments)
    {
        await using var command = dataSource.Command(sql, arguments);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset Time(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? NullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
