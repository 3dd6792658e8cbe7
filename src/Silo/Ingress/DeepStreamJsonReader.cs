using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;

namespace Platform.Silo.Ingress;

/// <summary>
/// Reads a DeepStream JSON message in either schema into a <see cref="DetectionReceived"/>, or says precisely why
/// it cannot. Full schema (nvmsgconv's default): `sensor.id`, `@timestamp`, one `object` with `id`, `bbox`
/// and its class as a key (`"Person": {}`, `"Vehicle": {...}`), `event.type`. Minimal schema: `sensorId`,
/// `@timestamp`, `objects` as strings `id|left|top|right|bottom|label` optionally followed by `|#|` and
/// attributes. Unknown fields are ignored. Never throws on bad input.
/// </summary>
internal sealed class DeepStreamJsonReader(DetectionChecks checks)
{
    private readonly IngressLimits limits = checks.Limits;

    // Keys of a full-schema object that are not its class.
    private static readonly HashSet<string> ObjectFieldsThatAreNotTheClass =
        ["bbox", "location", "coordinate", "pose", "embedding", "signature"];

    public bool TryRead(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out DetectionReceived? detection,
        [NotNullWhen(false)] out IngressRejection? rejection)
    {
        detection = null;
        // The JSON reader checks UTF-8 only where it needs to; a bad string would surface later as an exception.
        if (!System.Text.Unicode.Utf8.IsValid(payload.Span))
        {
            rejection = new(DeadLetterReason.NotUtf8, Utf8Errors.Describe(payload.Span));
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = limits.MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            rejection = Classify(e);
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                rejection = new(DeadLetterReason.NotAnObject,
                    $"the message is a JSON {root.ValueKind.ToString().ToLowerInvariant()} ({DetectionChecks.Truncate(root.GetRawText())}), not an object");
                return false;
            }

            try
            {
                detection = root.TryGetProperty("sensorId", out _) || root.TryGetProperty("objects", out _)
                    ? ParseMinimal(root)
                    : root.TryGetProperty("sensor", out _) || root.TryGetProperty("object", out _)
                        ? ParseFull(root)
                        : throw new IngressRejectedException(DeadLetterReason.UnknownSchema, "neither sensor/object (full) nor sensorId/objects (minimal)");
                rejection = null;
                return true;
            }
            catch (IngressRejectedException e)
            {
                rejection = new(e.Reason, e.Message);
                return false;
            }
            catch (InvalidOperationException e)
            {
                // A string escape that is not Unicode text ("\ud800", a lone surrogate) fails only when the string is read.
                rejection = new(DeadLetterReason.NotJson, e.Message);
                return false;
            }
        }
    }

    private static IngressRejection Classify(JsonException e)
    {
        var message = e.Message;
        // "The maximum configured depth of 16 has been exceeded"; not "Expected depth to be zero at the end", which is JSON cut short.
        if (message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            return new(DeadLetterReason.TooDeep, message);
        }

        return message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)
            ? new(DeadLetterReason.DuplicateProperty, message)
            : new(DeadLetterReason.NotJson, message);
    }

    private DetectionReceived ParseFull(JsonElement root)
    {
        var sensor = Required(root, "sensor", JsonValueKind.Object, DeadLetterReason.MissingSensorId);
        var sensorId = Id(sensor, "id", "sensor.id", DeadLetterReason.MissingSensorId);
        var timestamp = Timestamp(root);
        var obj = Required(root, "object", JsonValueKind.Object, DeadLetterReason.MissingObjectId);
        var objectId = Id(obj, "id", "object.id", DeadLetterReason.MissingObjectId);
        var bbox = Required(obj, "bbox", JsonValueKind.Object, DeadLetterReason.BadBoundingBox);
        var (label, attributes, classConfidence) = ObjectClass(obj);
        var detected = new DetectedObject
        {
            TrackingId = objectId,
            Label = label,
            Left = Coordinate(bbox, "topleftx"),
            Top = Coordinate(bbox, "toplefty"),
            Right = Coordinate(bbox, "bottomrightx"),
            Bottom = Coordinate(bbox, "bottomrighty"),
            Confidence = Confidence(obj) ?? classConfidence,
            Attributes = attributes,
        };
        checks.Box(detected, "object.bbox");

        string? eventType = null;
        if (root.TryGetProperty("event", out var evt) && evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty("type", out var type))
        {
            eventType = type.ValueKind == JsonValueKind.String
                ? type.GetString()!.ToLowerInvariant()
                : throw new IngressRejectedException(DeadLetterReason.WrongType, "event.type must be a string");
        }

        return new DetectionReceived
        {
            SensorId = new SensorId(sensorId),
            Timestamp = timestamp,
            EventType = eventType,
            DeviceMessageId = OptionalString(root, "messageid"),
            Objects = [detected],
        };
    }

    private DetectionReceived ParseMinimal(JsonElement root)
    {
        var sensorId = Id(root, "sensorId", "sensorId", DeadLetterReason.MissingSensorId);
        var timestamp = Timestamp(root);
        var objects = new List<DetectedObject>();
        if (root.TryGetProperty("objects", out var array))
        {
            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new IngressRejectedException(DeadLetterReason.WrongType, "objects must be an array of strings");
            }

            var count = array.GetArrayLength();
            if (count > limits.MaxObjects)
            {
                throw new IngressRejectedException(DeadLetterReason.TooManyObjects, $"{count} objects, the limit is {limits.MaxObjects}");
            }

            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new IngressRejectedException(DeadLetterReason.WrongType, $"objects[{index}] must be a string");
                }

                objects.Add(MinimalObject(item.GetString()!, index++));
            }
        }

        return new DetectionReceived
        {
            SensorId = new SensorId(sensorId),
            Timestamp = timestamp,
            DeviceMessageId = OptionalString(root, "id"),
            Objects = objects,
        };
    }

    private DetectedObject MinimalObject(string text, int index)
    {
        var path = $"objects[{index}]";
        var attributesAt = text.IndexOf("|#|", StringComparison.Ordinal);
        var head = attributesAt >= 0 ? text[..attributesAt] : text;
        var fields = head.Split('|');
        if (fields.Length != 6)
        {
            // Quote what came, and mention the attribute separator only when the input has one.
            var where = attributesAt >= 0 ? " before its '|#|' attributes" : "";
            throw new IngressRejectedException(DeadLetterReason.BadObject,
                $"{path} '{DetectionChecks.Truncate(text)}' has {fields.Length} '|'-separated fields{where}, expected 6: id|left|top|right|bottom|label");
        }

        if (fields[0].Length == 0 || fields[0].Length > limits.MaxIdLength)
        {
            throw new IngressRejectedException(DeadLetterReason.MissingObjectId, $"{path} has an empty or oversized tracking id");
        }

        var detected = new DetectedObject
        {
            TrackingId = fields[0],
            Left = MinimalNumber(fields[1], path, "left"),
            Top = MinimalNumber(fields[2], path, "top"),
            Right = MinimalNumber(fields[3], path, "right"),
            Bottom = MinimalNumber(fields[4], path, "bottom"),
            Label = fields[5].Length is > 0 and <= DetectionChecks.MaxLabelLength
                ? fields[5]
                : throw new IngressRejectedException(DeadLetterReason.BadObject, $"{path} has an empty or oversized label"),
            Attributes = attributesAt >= 0 ? text[(attributesAt + 3)..] : null,
        };
        checks.Box(detected, path);
        return detected;
    }

    private static double MinimalNumber(string field, string path, string name) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new IngressRejectedException(DeadLetterReason.BadBoundingBox, $"{path} {name} '{DetectionChecks.Truncate(field)}' is not a number");

    private DateTimeOffset Timestamp(JsonElement root)
    {
        if (!root.TryGetProperty("@timestamp", out var element) || element.ValueKind != JsonValueKind.String
            || !IsoTimestamp.TryParse(element.GetString(), out var timestamp))
        {
            throw new IngressRejectedException(DeadLetterReason.BadTimestamp, "@timestamp must be an ISO-8601 string with an offset, e.g. 2021-07-28T17:53:19.339Z");
        }

        return checks.EventTime(timestamp, "@timestamp");
    }

    private static (string Label, string? Attributes, double? Confidence) ObjectClass(JsonElement obj)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && !ObjectFieldsThatAreNotTheClass.Contains(property.Name))
            {
                var attributes = property.Value.EnumerateObject().Any() ? property.Value.GetRawText() : null;
                return (property.Name, attributes, Confidence(property.Value));
            }
        }

        return ("Unknown", null, null);
    }

    private static double? Confidence(JsonElement element) =>
        element.TryGetProperty("confidence", out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var confidence)
            ? DetectionChecks.Confidence(confidence)
            : null;

    private static double Coordinate(JsonElement bbox, string name) =>
        bbox.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            ? number
            : throw new IngressRejectedException(DeadLetterReason.BadBoundingBox, $"bbox.{name} must be a number");

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, DeadLetterReason missing)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new IngressRejectedException(missing, $"{name} is missing");
        }

        return value.ValueKind == kind
            ? value
            : throw new IngressRejectedException(DeadLetterReason.WrongType, $"{name} must be a JSON {kind}, not {value.ValueKind}");
    }

    private string Id(JsonElement parent, string name, string path, DeadLetterReason missing) =>
        checks.Id(Required(parent, name, JsonValueKind.String, missing).GetString(), path, missing);

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
