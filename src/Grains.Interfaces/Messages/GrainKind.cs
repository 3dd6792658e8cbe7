namespace Platform.Grains.Interfaces.Messages;

/// <summary>The kinds of grain. A grain id is the kind and the key: "sensor/{sensorId}", "camera/{cameraId}", "agent/{agentId}".</summary>
public enum GrainKind
{
    Sensor,
    Camera,
    Agent,
}
