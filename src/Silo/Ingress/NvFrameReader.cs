using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Platform.Messaging.DeepStream;

namespace Platform.Silo.Ingress;

/// <summary>
/// Reads DeepStream's protobuf payload, one nv.Frame per record (nvmsgconv payload-type 2 with msg2p-newapi, or a
/// VSS perception service's mdx-raw), into the same <see cref="DetectionReceived"/> the JSON schemas give: sensorId,
/// the frame's timestamp as event time, and per object its tracker id, class (`type`), box, confidence and `info`
/// attributes (as a JSON object). The checks are the JSON schemas' (<see cref="DetectionChecks"/>); the wire is
/// walked first (<see cref="NvFrameWire"/>) so that a malformed record says where it breaks.
/// </summary>
internal sealed class NvFrameReader(DetectionChecks checks)
{
    // Fields the platform does not read (embeddings are kilobytes per object) are dropped while parsing, not kept.
    private static readonly MessageParser<Frame> Parser = Frame.Parser.WithDiscardUnknownFields(true);

    public DetectionReceived Read(ReadOnlyMemory<byte> payload)
    {
        NvFrameWire.Check(payload.Span, checks.Limits.MaxObjects);
        Frame frame;
        try
        {
            frame = Parser.ParseFrom(payload.Span);
        }
        // A string field whose bytes are not UTF-8 is the one thing the walk above does not look at.
        catch (InvalidProtocolBufferException e)
        {
            throw new IngressRejectedException(DeadLetterReason.NotProtobuf, $"not an nv.Frame: {e.Message}");
        }

        // In the JSON schemas' order, so that a record with several problems gets the same reason in either format.
        var sensorId = checks.Id(frame.SensorId, "sensorId (field 4)", DeadLetterReason.MissingSensorId);
        var timestamp = checks.EventTime(EventTime(frame), "timestamp (field 3)");
        var objects = new DetectedObject[frame.Objects.Count];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = Detected(frame.Objects[i], i);
        }

        return new DetectionReceived
        {
            SensorId = new SensorId(sensorId),
            Timestamp = timestamp,
            DeviceMessageId = frame.Id.Length > 0 ? frame.Id : null,
            Objects = objects,
        };
    }

    /// <summary>
    /// The frame's timestamp. With msg2p-newapi DeepStream sets it from the wall clock when it converts the frame's
    /// metadata, not from the capture time: it trails the capture by the pipeline's latency (inference, tracking,
    /// batching; typically tens of milliseconds), and that is the event time rules and counts use.
    /// </summary>
    private static DateTimeOffset EventTime(Frame frame)
    {
        if (frame.Timestamp is not { } timestamp)
        {
            throw new IngressRejectedException(DeadLetterReason.BadTimestamp, "timestamp (field 3) is missing");
        }

        return ProtobufTime.Read(timestamp, "timestamp (field 3)");
    }

    // Paths ("objects[3].bbox") are built only for an error: a frame of many objects should cost no strings.
    private DetectedObject Detected(Platform.Messaging.DeepStream.Object o, int index)
    {
        var box = o.Bbox ?? throw new IngressRejectedException(DeadLetterReason.BadBoundingBox, $"{Path(index)}.bbox is missing");
        if (!checks.IsId(o.Id))
        {
            throw checks.IdRefused($"{Path(index)}.id", DeadLetterReason.MissingObjectId);
        }

        if (o.Type.Length is 0 or > DetectionChecks.MaxLabelLength)
        {
            throw new IngressRejectedException(DeadLetterReason.BadObject,
                $"{Path(index)}.type '{DetectionChecks.Truncate(o.Type)}' must be 1 to {DetectionChecks.MaxLabelLength} characters (the class: Person, Vehicle, …)");
        }

        var detected = new DetectedObject
        {
            TrackingId = o.Id,
            Label = o.Type,
            Left = Widen(box.LeftX),
            Top = Widen(box.TopY),
            Right = Widen(box.RightX),
            Bottom = Widen(box.BottomY),
            Confidence = DetectionChecks.Confidence(Widen(o.Confidence)),
            Attributes = o.Info.Count == 0 ? null : Attributes(o.Info),
        };
        return checks.BoxProblem(detected) is { } problem
            ? throw new IngressRejectedException(DeadLetterReason.BadBoundingBox, $"{Path(index)}.bbox {problem}")
            : detected;
    }

    private static string Path(int index) => string.Create(CultureInfo.InvariantCulture, $"objects[{index}]");

    /// <summary>
    /// The decimal a device meant by a float: DeepStream's JSON prints 251.37, its protobuf carries the float nearest
    /// to it, which widens to 251.36999511…; rounded to a float's 7 significant digits (what the conversion to
    /// decimal does) it is 251.37 again, so both formats place an object alike (a box edge on a zone's border stays
    /// on it). Values a decimal cannot hold (NaN, infinities, beyond 10^9) are left to the box check.
    /// </summary>
    private static double Widen(float value) =>
        float.IsFinite(value) && Math.Abs(value) < 1e9f ? (double)(decimal)value : value;

    /// <summary>The `info` map as a JSON object, keys in ordinal order so that equal maps give equal text.</summary>
    private static string Attributes(Google.Protobuf.Collections.MapField<string, string> info)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in info.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
