using Google.Protobuf;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Platform.Messaging.DeepStream;

namespace Platform.Silo.Ingress;

/// <summary>
/// Reads an NVIDIA VSS behavior event (nv.Behavior on mdx-events: a tripwire crossed, a region of interest entered
/// or left) into a <see cref="DetectionReceived"/> without objects that carries the <see cref="AnalyticsEvent"/>, for
/// the sensor grain of sensor.id. Event time is the behavior's end (when the analytics saw the event), else its
/// start. Refused: no sensor id, no usable time, no event, or an event the platform's rules cannot name (its
/// info["class"] is not tripwire or roi, or its type is not that kind's IN/OUT or ENTRY/EXIT).
/// </summary>
internal sealed class NvBehaviorReader(DetectionChecks checks)
{
    private static readonly MessageParser<Behavior> Parser = Behavior.Parser.WithDiscardUnknownFields(true);

    public DetectionReceived Read(ReadOnlyMemory<byte> payload)
    {
        Behavior behavior;
        try
        {
            behavior = Parser.ParseFrom(payload.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new IngressRejectedException(DeadLetterReason.NotProtobuf, $"not an nv.Behavior: {e.Message}");
        }

        var sensorId = checks.Id(behavior.Sensor?.Id, "sensor.id (field 16)", DeadLetterReason.MissingSensorId);
        var (stamp, field) = behavior.End is { } end ? (end, "end (field 3)")
            : behavior.Timestamp is { } start ? (start, "timestamp (field 2)")
            : throw new IngressRejectedException(DeadLetterReason.BadTimestamp, "end (field 3) and timestamp (field 2) are both missing");
        return new DetectionReceived
        {
            SensorId = new SensorId(sensorId),
            Timestamp = checks.EventTime(ProtobufTime.Read(stamp, field), field),
            DeviceMessageId = behavior.Id.Length > 0 ? behavior.Id : null,
            Objects = [],
            Analytics = Event(behavior),
        };
    }

    private AnalyticsEvent Event(Behavior behavior)
    {
        var e = behavior.Event ?? throw Refused("event (field 19) is missing: an mdx-events record names what happened there");
        var kind = (e.Info.TryGetValue("class", out var named) ? named : "").ToLowerInvariant();
        var directions = AnalyticsEventCondition.DirectionsOf(kind);
        if (directions.Count == 0)
        {
            throw Refused($"event.info[\"class\"] '{DetectionChecks.Truncate(kind)}' is neither {AnalyticsEventCondition.Tripwire} nor {AnalyticsEventCondition.Roi}");
        }

        var direction = e.Type.ToUpperInvariant();
        if (!directions.Contains(direction, StringComparer.Ordinal))
        {
            throw Refused($"event.type '{DetectionChecks.Truncate(e.Type)}' of a {kind} event must be {string.Join(" or ", directions)}");
        }

        var (objectId, type) = (behavior.Object?.Id, behavior.Object?.Type);
        return new AnalyticsEvent
        {
            Kind = kind,
            EventId = checks.Id(e.Id, "event.id (the tripwire's or region's id)", DeadLetterReason.BadAnalyticsEvent),
            Direction = direction,
            ObjectId = checks.IsId(objectId) ? objectId : null,
            Class = type is { Length: > 0 and <= DetectionChecks.MaxLabelLength } ? type : null,
        };
    }

    private static IngressRejectedException Refused(string detail) => new(DeadLetterReason.BadAnalyticsEvent, detail);
}
