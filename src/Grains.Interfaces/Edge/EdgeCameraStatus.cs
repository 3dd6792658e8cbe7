using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>One camera's recorder cache as its agent sees it.</summary>
public sealed record EdgeCameraStatus
{
    public required CameraId CameraId { get; init; }

    /// <summary>The recorder is reading the source and writing segments.</summary>
    public required bool Connected { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public DateTimeOffset? LastSegmentAt { get; init; }

    /// <summary>How far back the cache reaches, in seconds of video.</summary>
    public required double CacheSeconds { get; init; }

    /// <summary>Times the recorder (ffmpeg) was restarted after an exit or a source outage.</summary>
    public required int Restarts { get; init; }

    /// <summary>A recording session is open on this camera.</summary>
    public required bool Recording { get; init; }

    /// <summary>Why the recorder is not connected, when it is not.</summary>
    public string? LastError { get; init; }
}
