namespace Platform.Grains.Effects;

/// <summary>An effect decided in a turn, waiting to be stored with the grain's next state write, and the trace it continues.</summary>
public readonly record struct PendingEffect(GrainEffect Effect, string? TraceParent);
