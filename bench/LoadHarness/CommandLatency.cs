namespace Platform.LoadHarness;

/// <summary>One start-recording command matched to its triggering event: when the event was produced, and how long until the command was.</summary>
internal sealed record CommandLatency(DateTimeOffset EventProducedAt, double Milliseconds);
