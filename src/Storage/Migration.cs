namespace Platform.Storage;

/// <summary>One versioned schema change: the file Migrations/{Version:D4}_{description}.sql.</summary>
public sealed record Migration(int Version, string Name, string Sql);
