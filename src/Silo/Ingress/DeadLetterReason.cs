namespace Platform.Silo.Ingress;

/// <summary>Why ingress refused a record; the name goes into the dead letter's `reason` header and the metric's tag.</summary>
public enum DeadLetterReason
{
    /// <summary>Larger than the payload limit (1 MiB by default).</summary>
    TooLarge,

    /// <summary>Empty, or not JSON text (cut short, single quotes, comments, a lone surrogate escape, …).</summary>
    NotJson,

    /// <summary>
    /// A record read as protobuf (the topic's format is protobuf, or auto saw a protobuf start) that is not an
    /// nv.Frame: cut short, a length past the end, a field with the wrong wire type, a string that is not UTF-8.
    /// </summary>
    NotProtobuf,

    /// <summary>Bytes that are not UTF-8 (JSON on Kafka is UTF-8: RFC 8259 §8.1).</summary>
    NotUtf8,

    /// <summary>Valid JSON whose root is not an object: an array, a string, a number, true, false or null.</summary>
    NotAnObject,

    /// <summary>Nested deeper than the limit.</summary>
    TooDeep,

    /// <summary>The same property twice in one object: which one counts is ambiguous.</summary>
    DuplicateProperty,

    /// <summary>Neither the full schema (sensor.id, object) nor the minimal one (sensorId, objects).</summary>
    UnknownSchema,

    /// <summary>A field has the wrong JSON type (a number where a string belongs, …).</summary>
    WrongType,

    /// <summary>No sensor id, or an empty or oversized one.</summary>
    MissingSensorId,

    /// <summary>No object id, or an empty or oversized one.</summary>
    MissingObjectId,

    /// <summary>@timestamp missing or not ISO-8601; a protobuf frame's timestamp missing or out of the representable range.</summary>
    BadTimestamp,

    /// <summary>The event time too far in the past or the future of the silo's clock.</summary>
    TimestampOutOfRange,

    /// <summary>A bounding box that is missing, not finite, negative, inverted or absurdly large.</summary>
    BadBoundingBox,

    /// <summary>A minimal-schema object string that is not id|left|top|right|bottom|label[|#|attributes], or a protobuf object without a class (type).</summary>
    BadObject,

    /// <summary>More objects in one message (JSON) or frame (protobuf) than the limit.</summary>
    TooManyObjects,

    /// <summary>An edge.clips or edge.status message that does not match its contract.</summary>
    BadEdgeMessage,

    /// <summary>
    /// An analytics event (VSS's nv.Behavior on Kafka:AnalyticsEventsTopic) without an event, or whose event is not a
    /// tripwire IN/OUT or a region ENTRY/EXIT with an id: nothing a rule could match.
    /// </summary>
    BadAnalyticsEvent,
}
