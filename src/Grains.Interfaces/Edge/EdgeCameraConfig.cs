using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>One camera of an <see cref="EdgeAgentConfig"/>: what the agent's recorder for it needs.</summary>
public sealed record EdgeCameraConfig
{
    public required CameraId CameraId { get; init; }

    /// <summary>rtsp:// or rtsps://, never with credentials in it (those travel in the two fields below).</summary>
    public required string SourceUrl { get; init; }

    public string? Username { get; init; }

    /// <summary>The RTSP password sealed with the agent's own config key (<see cref="EdgeSecretBox"/>): only that agent can read it.</summary>
    public string? SealedPassword { get; init; }

    /// <summary>The name DeepStream uses for this camera in Smart Video Record's sensor.id, when it is not the camera id.</summary>
    public string? DeviceSensorId { get; init; }

    /// <summary>mp4 or mkv.</summary>
    public string Container { get; init; } = "mp4";

    public double CacheSeconds { get; init; } = 30;

    public long MaxCacheBytes { get; init; } = 1024L * 1024 * 1024;

    public double SegmentSeconds { get; init; } = 2;

    /// <summary>Every cached segment is uploaded to S3 as it closes (through the spool), not only event clips.</summary>
    public bool Continuous { get; init; }
}
