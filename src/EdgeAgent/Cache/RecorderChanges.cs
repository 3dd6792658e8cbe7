using Platform.EdgeAgent.Configuration;

namespace Platform.EdgeAgent.Cache;

/// <summary>Compares a running camera's configuration with its desired one (pure).</summary>
internal static class RecorderChanges
{
    public static RecorderChange Between(CameraOptions running, CameraOptions desired)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(desired);
        // Everything that goes into ffmpeg's command line (FfmpegArguments.Recorder) needs a new run.
        if (!string.Equals(running.Source, desired.Source, StringComparison.Ordinal) ||
            !string.Equals(running.Username ?? "", desired.Username ?? "", StringComparison.Ordinal) ||
            !string.Equals(running.Password ?? "", desired.Password ?? "", StringComparison.Ordinal) ||
            running.SegmentSeconds != desired.SegmentSeconds)
        {
            return RecorderChange.Restart;
        }

        return string.Equals(running.Container, desired.Container, StringComparison.Ordinal) &&
            running.CacheSeconds == desired.CacheSeconds &&
            running.MaxCacheBytes == desired.MaxCacheBytes &&
            running.Continuous == desired.Continuous &&
            running.SensorIds.SequenceEqual(desired.SensorIds, StringComparer.Ordinal)
                ? RecorderChange.None
                : RecorderChange.InPlace;
    }
}
