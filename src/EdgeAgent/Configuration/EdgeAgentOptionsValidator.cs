using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Platform.EdgeAgent.Configuration;

/// <summary>Checks <see cref="EdgeAgentOptions"/> and its cameras at start and names every problem at once.</summary>
internal sealed partial class EdgeAgentOptionsValidator : IValidateOptions<EdgeAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeAgentOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(EdgeAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = EdgeAgentOptions.SectionName;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AgentId))
        {
            errors.Add($"{S}:AgentId is required.");
        }
        else if (!Identifier().IsMatch(options.AgentId))
        {
            errors.Add($"{S}:AgentId '{options.AgentId}' must be 1-128 letters, digits, '.', '_' or '-'.");
        }

        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            errors.Add($"{S}:CacheDirectory is required.");
        }

        if (string.IsNullOrWhiteSpace(options.SpoolDirectory))
        {
            errors.Add($"{S}:SpoolDirectory is required.");
        }

        if (!string.IsNullOrWhiteSpace(options.CacheDirectory) && !string.IsNullOrWhiteSpace(options.SpoolDirectory) &&
            string.Equals(Path.GetFullPath(options.CacheDirectory), Path.GetFullPath(options.SpoolDirectory), StringComparison.Ordinal))
        {
            errors.Add($"{S}:CacheDirectory and {S}:SpoolDirectory must differ (both are '{options.CacheDirectory}').");
        }

        if (options.SpoolMaxClips < 1)
        {
            errors.Add($"{S}:SpoolMaxClips must be at least 1 (was {options.SpoolMaxClips}).");
        }

        if (options.SpoolMaxBytes < 1024 * 1024)
        {
            errors.Add($"{S}:SpoolMaxBytes must be at least 1 MiB (was {options.SpoolMaxBytes}).");
        }

        if (options.ContinuousSpoolMaxSegments < 1)
        {
            errors.Add($"{S}:ContinuousSpoolMaxSegments must be at least 1 (was {options.ContinuousSpoolMaxSegments}).");
        }

        if (options.ContinuousSpoolMaxBytes < 1024 * 1024)
        {
            errors.Add($"{S}:ContinuousSpoolMaxBytes must be at least 1 MiB (was {options.ContinuousSpoolMaxBytes}).");
        }

        if (options.ContinuousUploadParallelism is < 1 or > 16)
        {
            errors.Add($"{S}:ContinuousUploadParallelism must be 1 to 16 (was {options.ContinuousUploadParallelism}).");
        }

        Between(errors, $"{S}:HeartbeatInterval", options.HeartbeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Between(errors, $"{S}:MaxClipLength", options.MaxClipLength, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
        Between(errors, $"{S}:RetryInitialDelay", options.RetryInitialDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        Between(errors, $"{S}:RetryMaxDelay", options.RetryMaxDelay, options.RetryInitialDelay, TimeSpan.FromHours(1));
        Between(errors, $"{S}:RestartInitialDelay", options.RestartInitialDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        Between(errors, $"{S}:RestartMaxDelay", options.RestartMaxDelay, options.RestartInitialDelay, TimeSpan.FromHours(1));
        Between(errors, $"{S}:BadCommandLogInterval", options.BadCommandLogInterval, TimeSpan.Zero, TimeSpan.FromHours(1));
        Between(errors, $"{S}:DedupeWindow", options.DedupeWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        if (options.FfmpegBinaryFolder.Length > 0 && !Directory.Exists(options.FfmpegBinaryFolder))
        {
            errors.Add($"{S}:FfmpegBinaryFolder '{options.FfmpegBinaryFolder}' is not a directory (leave it empty to use PATH).");
        }

        if (options.Managed && !Grains.Interfaces.Edge.EdgeSecretBox.IsKey(options.ConfigKey))
        {
            // The key itself is a secret: not repeated in the message.
            errors.Add($"{S}:ConfigKey must be base64 of 32 bytes (the key the cloud gave this agent at registration).");
        }

        CheckCameras(errors, options);
        return errors;
    }

    private static void CheckCameras(List<string> errors, EdgeAgentOptions options)
    {
        const string S = EdgeAgentOptions.SectionName;
        if (options.Cameras.Count == 0)
        {
            // A managed agent may start with none: its cameras come from edge.config.
            if (!options.Managed)
            {
                errors.Add($"{S}:Cameras must list at least one camera, or {S}:ConfigKey must be set for the cloud to configure them.");
            }

            return;
        }

        // Every name a command can use for a camera (ids and sensor aliases) must point at exactly one camera.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Cameras.Count; i++)
        {
            var camera = options.Cameras[i];
            var at = $"{S}:Cameras:{i.ToString(CultureInfo.InvariantCulture)}";
            errors.AddRange(CameraErrors(camera, at));
            foreach (var name in new[] { camera.Id }.Concat(camera.SensorIds).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal))
            {
                if (names.TryGetValue(name, out var other))
                {
                    errors.Add($"{at}: the name '{name}' (id or sensor id) already names camera '{other}'.");
                }
                else
                {
                    names[name] = camera.Id;
                }
            }
        }
    }

    /// <summary>The problems of one camera by itself (a name shared with another camera is checked by the caller); <paramref name="at"/> names it in each.</summary>
    public static IReadOnlyList<string> CameraErrors(CameraOptions camera, string at)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(camera.Id))
        {
            errors.Add($"{at}:Id is required.");
        }
        else if (!IsCameraId(camera.Id))
        {
            errors.Add($"{at}:Id '{camera.Id}' must be 1-128 letters, digits, '.', '_' or '-' (it is a directory and an S3 key segment).");
        }

        if (string.IsNullOrWhiteSpace(camera.Source))
        {
            errors.Add($"{at}:Source is required (rtsp://… or an ffmpeg input).");
        }
        else if (camera.Source.Contains("://", StringComparison.Ordinal) && !Uri.TryCreate(camera.Source, UriKind.Absolute, out _))
        {
            errors.Add($"{at}:Source is not a valid URL.");
        }

        if (camera.Container is not (CameraOptions.Mp4 or CameraOptions.Mkv))
        {
            errors.Add($"{at}:Container must be '{CameraOptions.Mp4}' or '{CameraOptions.Mkv}' (was '{camera.Container}').");
        }

        if (!double.IsFinite(camera.SegmentSeconds) || camera.SegmentSeconds < 0.5 || camera.SegmentSeconds > 60)
        {
            errors.Add($"{at}:SegmentSeconds must be between 0.5 and 60 (was {camera.SegmentSeconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (!double.IsFinite(camera.CacheSeconds) || camera.CacheSeconds > 86_400 ||
            (double.IsFinite(camera.SegmentSeconds) && camera.CacheSeconds < 2 * camera.SegmentSeconds))
        {
            errors.Add($"{at}:CacheSeconds must be at least twice SegmentSeconds and at most 86400 (was {camera.CacheSeconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (camera.MaxCacheBytes < 1024 * 1024)
        {
            errors.Add($"{at}:MaxCacheBytes must be at least 1 MiB (was {camera.MaxCacheBytes}).");
        }

        for (var j = 0; j < camera.SensorIds.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(camera.SensorIds[j]))
            {
                errors.Add($"{at}:SensorIds:{j.ToString(CultureInfo.InvariantCulture)} must not be empty.");
            }
        }

        return errors;
    }

    /// <summary>True for a usable camera id: it names a cache directory and an S3 key segment.</summary>
    public static bool IsCameraId(string id) => Identifier().IsMatch(id) && id is not ("." or "..");

    private static void Between(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex Identifier();
}
