using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>One camera's recorder cache as its agent sees it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EdgeCameraStatus
{
    [Id(0)]
    public required CameraId CameraId { get; init; }

    /// <summary>The recorder is reading the source and writing segments.</summary>
    [Id(1)]
    public required bool Connected { get; init; }

    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(2)]
    public DateTimeOffset? LastSegmentAt { get; init; }

    /// <summary>How far back the cache reaches, in seconds of video.</summary>
    [Id(3)]
    public required double CacheSeconds { get; init; }

    /// <summary>Times the recorder (ffmpeg) was restarted after an exit or a source outage.</summary>
    [Id(4)]
    public required int Restarts { get; init; }

    /// <summary>A recording session is open on this camera.</summary>
    [Id(5)]
    public required bool Recording { get; init; }

    /// <summary>Why the recorder is not connected, when it is not.</summary>
    [Id(6)]
    public string? LastError { get; init; }

    /// <summary>Where the agent got this camera: <see cref="LocalSource"/> (its own configuration file) or <see cref="CloudSource"/> (edge.config).</summary>
    [Id(7)]
    public string Source { get; init; } = LocalSource;

    /// <summary>Why the camera is not recording, as a code the API explains (<see cref="EdgeCameraProblems"/>); null when it records.</summary>
    [Id(8)]
    public string? Problem { get; init; }

    /// <summary>Every closed segment is uploaded (continuous recording).</summary>
    [Id(9)]
    public bool Continuous { get; init; }

    /// <summary>Continuous recording: the end of the newest segment uploaded to S3.</summary>
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    [Id(10)]
    public DateTimeOffset? UploadedThrough { get; init; }

    public const string LocalSource = "local";
    public const string CloudSource = "cloud";
}
