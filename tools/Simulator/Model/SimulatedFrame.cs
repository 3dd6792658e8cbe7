namespace Platform.Simulator.Model;

/// <summary>What one sensor saw at one moment (event time): becomes one minimal-schema message, or one full-schema message per object.</summary>
public sealed record SimulatedFrame(string SensorId, DateTimeOffset Timestamp, IReadOnlyList<SimulatedObject> Objects);
