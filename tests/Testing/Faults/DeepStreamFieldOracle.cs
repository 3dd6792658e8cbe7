using System.Text.Json;
using R = Platform.Testing.Faults.DeepStreamReasons;

namespace Platform.Testing.Faults;

/// <summary>
/// What the documented DeepStream contract says about one field of a full-schema message being of another JSON
/// type, null or absent: the fields ingress reads have a reason each; every other field is ignored, so the message
/// is accepted (null).
/// </summary>
public static class DeepStreamFieldOracle
{
    /// <summary>The field at <paramref name="path"/> now holds a value of <paramref name="kind"/> (Undefined: removed).</summary>
    public static string? Expect(string path, JsonValueKind kind)
    {
        var absent = kind is JsonValueKind.Undefined or JsonValueKind.Null;
        return path switch
        {
            "sensor" => absent ? R.MissingSensorId : kind == JsonValueKind.Object ? null : R.WrongType,
            "sensor.id" => absent ? R.MissingSensorId : R.WrongType,
            "@timestamp" => R.BadTimestamp,
            "object" => absent ? R.MissingObjectId : kind == JsonValueKind.Object ? null : R.WrongType,
            "object.id" => absent ? R.MissingObjectId : R.WrongType,
            "object.bbox" => absent ? R.BadBoundingBox : kind == JsonValueKind.Object ? null : R.WrongType,
            _ when path.StartsWith("object.bbox.", StringComparison.Ordinal) => R.BadBoundingBox,
            // Present but not a string is refused; absent, the event has no type.
            "event.type" => kind == JsonValueKind.Undefined ? null : R.WrongType,
            _ => null,
        };
    }
}
