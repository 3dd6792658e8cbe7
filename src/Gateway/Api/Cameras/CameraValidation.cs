using System.Globalization;
using Platform.Gateway.Http;

namespace Platform.Gateway.Api.Cameras;

/// <summary>Field rules for a camera body (those that need no database; the agent's existence and site are checked by the endpoint).</summary>
public static class CameraValidation
{
    public const int MaxRetentionDays = 3650;
    public const long MinRetentionBytes = 1024 * 1024;
    public const long MinCacheBytes = 16L * 1024 * 1024;

    public static FieldErrors Check(CameraInput input, FieldErrors errors)
    {
        errors.RequireText("name", input.Name);
        if (input.DeviceSensorId is { Length: > 200 })
        {
            errors.Add("deviceSensorId", "At most 200 characters.");
        }

        CheckSource(input, errors);
        CheckRecorder(input, errors);
        if (input.RetentionDays is < 1 or > MaxRetentionDays)
        {
            errors.Add("retentionDays", $"Between 1 and {MaxRetentionDays}, or null to keep clips.");
        }

        if (input.RetentionBytes is < MinRetentionBytes)
        {
            errors.Add("retentionBytes", $"At least {MinRetentionBytes} bytes, or null for no byte budget.");
        }

        if (input.ContinuousRetentionDays is < 1 or > MaxRetentionDays)
        {
            errors.Add("continuousRetentionDays", $"Between 1 and {MaxRetentionDays}, or null for the gateway's default.");
        }

        if (input.ContinuousRetentionBytes is < MinRetentionBytes)
        {
            errors.Add("continuousRetentionBytes", $"At least {MinRetentionBytes} bytes, or null for no byte budget.");
        }

        return errors;
    }

    private static void CheckSource(CameraInput input, FieldErrors errors)
    {
        if (input.SourceUrl is not { } url)
        {
            if (input.AgentId is not null)
            {
                errors.Add("sourceUrl", "Required when an edge agent records the camera: rtsp://host[:port]/path.");
            }

            return;
        }

        if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            errors.Add("sourceUrl", "An absolute URL (rtsp://…), at most 2000 characters.");
            return;
        }

        if (uri.UserInfo.Length > 0)
        {
            errors.Add("sourceUrl", "Put the user name and password in rtspUsername and rtspPassword, not in the URL: the URL is shown to every viewer, the password never is.");
        }

        if (input.AgentId is not null && uri.Scheme is not ("rtsp" or "rtsps"))
        {
            errors.Add("sourceUrl", $"An edge agent records RTSP cameras: the URL starts with rtsp:// or rtsps://, not {uri.Scheme}://.");
        }
    }

    private static void CheckRecorder(CameraInput input, FieldErrors errors)
    {
        if (input.RtspUsername is { } user && (user.Length is 0 or > 200 || user.Contains(':', StringComparison.Ordinal)))
        {
            errors.Add("rtspUsername", "1 to 200 characters, without ':'.");
        }

        if (input.RtspPassword is { Length: > 200 })
        {
            errors.Add("rtspPassword", "At most 200 characters.");
        }
        else if (input.RtspPassword is { Length: > 0 } && input.RtspUsername is null)
        {
            errors.Add("rtspPassword", "Needs rtspUsername: RTSP cameras ask for both.");
        }

        if (input.Continuous && input.AgentId is null)
        {
            errors.Add("continuous", "Continuous recording runs on the camera's edge agent: set agentId.");
        }

        if (input.Container is not (null or "mp4" or "mkv"))
        {
            errors.Add("container", "mp4 or mkv.");
        }

        if (input.SegmentSeconds is { } segment && (!double.IsFinite(segment) || segment < 1 || segment > 60))
        {
            errors.Add("segmentSeconds", "Between 1 and 60 seconds.");
        }

        var minCache = 2 * (input.SegmentSeconds ?? 2);
        if (input.CacheSeconds is { } cache && (!double.IsFinite(cache) || cache < minCache || cache > 86_400))
        {
            errors.Add("cacheSeconds", $"At least twice the segment length ({minCache.ToString(CultureInfo.InvariantCulture)} s) and at most 86400.");
        }

        if (input.CacheBytes is < MinCacheBytes)
        {
            errors.Add("cacheBytes", $"At least {MinCacheBytes} bytes (16 MiB).");
        }
    }
}
