namespace Platform.Silo.Storage;

/// <summary>A grain state row: the bytes and the version (the etag a write must name).</summary>
internal sealed record StoredState(byte[] State, long Version);
