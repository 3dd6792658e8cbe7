namespace Platform.Silo.Storage;

/// <summary>A grain's persisted state as loaded from grain_state.</summary>
public sealed record StoredGrain(string GrainKey, byte[] State);
