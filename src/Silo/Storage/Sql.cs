using Npgsql;

namespace Platform.Silo.Storage;

/// <summary>Builds batch commands with positional parameters; null values become SQL NULL.</summary>
internal static class Sql
{
    public static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
