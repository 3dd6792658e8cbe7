using Platform.Gateway.Http;

namespace Platform.Gateway.Api.Cameras;

/// <summary>Field rules for a camera body.</summary>
public static class CameraValidation
{
    public const int MaxRetentionDays = 3650;
    public const long MinRetentionBytes = 1024 * 1024;

    public static FieldErrors Check(CameraInput input, FieldErrors errors)
    {
        errors.RequireText("name", input.Name);
        if (input.DeviceSensorId is { Length: > 200 })
        {
            errors.Add("deviceSensorId", "At most 200 characters.");
        }

        if (input.SourceUrl is { } url && (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out _)))
        {
            errors.Add("sourceUrl", "An absolute URL (rtsp://…), at most 2000 characters.");
        }

        if (input.RetentionDays is < 1 or > MaxRetentionDays)
        {
            errors.Add("retentionDays", $"Between 1 and {MaxRetentionDays}, or null to keep clips.");
        }

        if (input.RetentionBytes is < MinRetentionBytes)
        {
            errors.Add("retentionBytes", $"At least {MinRetentionBytes} bytes, or null for no byte budget.");
        }

        return errors;
    }
}
