namespace Platform.IntegrationTests.EdgeAgent;

/// <summary>A camera of the agent under test.</summary>
internal sealed record TestCamera(string Id, string Source, params string[] SensorIds);
