namespace Platform.Grains.Interfaces.Grains;

/// <summary>The streams the silo's Kafka stream provider delivers on: namespace + the grain's key.</summary>
public static class StreamNamespaces
{
    /// <summary>The stream provider's name in the silo.</summary>
    public const string Provider = "kafka";

    /// <summary>Detections of one sensor (key: sensor id), from `deepstream-events`.</summary>
    public const string Sensor = "sensor";

    /// <summary>Heartbeats and clips of one camera (key: camera id), from `edge.status` and `edge.clips`.</summary>
    public const string Camera = "camera";

    /// <summary>Heartbeats of one edge agent (key: agent id), from `edge.status`.</summary>
    public const string Agent = "agent";
}
