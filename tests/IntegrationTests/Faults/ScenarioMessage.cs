namespace Platform.IntegrationTests.Faults;

/// <summary>One DeepStream record of a load scenario: its key (the sensor id) and exact bytes.</summary>
internal sealed record ScenarioMessage(string Key, byte[] Value);
