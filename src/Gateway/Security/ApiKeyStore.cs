using Npgsql;

namespace Platform.Gateway.Security;

/// <summary>API keys in PostgreSQL (table api_keys): hashes only.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    public async Task<ApiKeyRecord> CreateAsync(ApiKeySecret key, string name, string role, string? siteId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO api_keys (id, name, role, site_id, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING created_at");
        command.Parameters.Add(new() { Value = key.Id });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = role });
        command.Parameters.Add(new() { Value = (object?)siteId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = key.Hash() });
        var createdAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new(key.Id, name, role, siteId, new DateTimeOffset(createdAt, TimeSpan.Zero), null);
    }

    /// <summary>Stores <paramref name="key"/> unless a key with its id exists (the bootstrap key on every start).</summary>
    public async Task EnsureAsync(ApiKeySecret key, string name, string role, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO api_keys (id, name, role, secret_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING");
        command.Parameters.Add(new() { Value = key.Id });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = role });
        command.Parameters.Add(new() { Value = key.Hash() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The key's record when <paramref name="key"/> is a valid, unrevoked key; otherwise null.</summary>
    public async Task<ApiKeyRecord?> AuthenticateAsync(ApiKeySecret key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT name, role, site_id, created_at, secret_hash FROM api_keys WHERE id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new() { Value = key.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !key.Matches((byte[])reader[4]))
        {
            return null;
        }

        return new(key.Id, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3), null);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, role, site_id, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return keys;
    }

    /// <summary>True while the key exists and is not revoked (the web UI's cookie is checked against it).</summary>
    public async Task<bool> IsActiveAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = $1 AND revoked_at IS NULL)");
        command.Parameters.Add(new() { Value = id });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>True when an unrevoked key was revoked now.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
