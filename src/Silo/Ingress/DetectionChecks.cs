using Platform.Grains.Interfaces.Messages;

namespace Platform.Silo.Ingress;

/// <summary>
/// What a detection must satisfy whatever its wire format (JSON full, JSON minimal, protobuf nv.Frame): ids that can
/// be keys, boxes that are pixels of some camera, an event time near the silo's clock. Throws
/// <see cref="IngressRejectedException"/> naming the field as the format calls it.
/// </summary>
internal sealed class DetectionChecks(IngressLimits limits, TimeProvider time)
{
    /// <summary>A class name (Person, Vehicle, …) longer than this is not one: every format refuses or drops it.</summary>
    public const int MaxLabelLength = 64;

    public IngressLimits Limits => limits;

    /// <summary>An id: 1 to MaxIdLength printable characters.</summary>
    public string Id(string? value, string path, DeadLetterReason missing) =>
        IsId(value) ? value : throw IdRefused(path, missing);

    public bool IsId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= limits.MaxIdLength && !value.Any(char.IsControl);

    public IngressRejectedException IdRefused(string path, DeadLetterReason missing) =>
        new(missing, $"{path} must be 1 to {limits.MaxIdLength} printable characters");

    public void Box(DetectedObject o, string path)
    {
        if (BoxProblem(o) is { } problem)
        {
            throw new IngressRejectedException(DeadLetterReason.BadBoundingBox, $"{path} {problem}");
        }
    }

    /// <summary>What is wrong with the box (a text that follows its path), or null.</summary>
    public string? BoxProblem(DetectedObject o)
    {
        if (!IsPixel(o.Left) || !IsPixel(o.Top) || !IsPixel(o.Right) || !IsPixel(o.Bottom))
        {
            return $"coordinates must be finite pixels in [0, {limits.MaxCoordinate}]";
        }

        return o.Right <= o.Left || o.Bottom <= o.Top
            ? $"is inverted or empty (left {o.Left}, top {o.Top}, right {o.Right}, bottom {o.Bottom})"
            : null;
    }

    private bool IsPixel(double value) => double.IsFinite(value) && value >= 0 && value <= limits.MaxCoordinate;

    /// <summary>The event time, if it lies within the accepted age and clock skew of the silo's clock.</summary>
    public DateTimeOffset EventTime(DateTimeOffset timestamp, string path)
    {
        var now = time.GetUtcNow();
        return timestamp < now - limits.MaxEventAge || timestamp > now + limits.MaxClockSkew
            ? throw new IngressRejectedException(DeadLetterReason.TimestampOutOfRange,
                $"{path} {timestamp:O} is outside [{now - limits.MaxEventAge:O}, {now + limits.MaxClockSkew:O}]")
            : timestamp;
    }

    // nvtracker reports -0.1 for objects it tracks without a detection in this frame: that is "unknown", not an error.
    public static double? Confidence(double value) => value is >= 0 and <= 1 ? value : null;

    /// <summary>Quotes input in an error text without pasting a megabyte into a header.</summary>
    public static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
