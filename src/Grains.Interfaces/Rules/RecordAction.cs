using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// Record a clip on a camera: [trigger − <see cref="PreRoll"/>, trigger + <see cref="PostRoll"/>], extended by
/// later triggers up to <see cref="MaxSession"/>. The defaulted properties use `set`, not `init`: the
/// System.Text.Json source generator resets init-only properties missing from the JSON to default(T) and
/// would lose the defaults (dotnet/runtime#84484).
/// </summary>
public sealed record RecordAction : RuleAction
{
    public const string Mp4 = "mp4";
    public const string Mkv = "mkv";

    /// <summary>The camera to record; null means the camera linked to the sensor.</summary>
    public CameraId? CameraId { get; init; }

    public TimeSpan PreRoll { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan PostRoll { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxSession { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>mp4 or mkv.</summary>
    public string Container { get; set; } = Mp4;
}
