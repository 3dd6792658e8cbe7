namespace Platform.Silo.Ingress;

/// <summary>How the device topic's records are read (Kafka:DeepStreamFormat).</summary>
public enum DeepStreamFormat
{
    /// <summary>Each record by its first bytes (<see cref="DeepStreamFormats.LooksLikeProtobuf"/>): one topic may carry both.</summary>
    Auto,

    /// <summary>DeepStream's JSON, full or minimal schema (nvmsgconv payload-type 0 or 1).</summary>
    Json,

    /// <summary>DeepStream's protobuf nv.Frame (nvmsgconv payload-type 2, msg2p-newapi; VSS's mdx-raw).</summary>
    Protobuf,
}

public static class DeepStreamFormats
{
    /// <summary>
    /// Whether a record of an <see cref="DeepStreamFormat.Auto"/> topic is read as protobuf. A serialized nv.Frame
    /// starts with the key of its first non-empty field, all length-delimited: 0x0A version, 0x12 id, 0x1A timestamp,
    /// 0x2A objects. JSON text starts with '{' (or whitespace, a quote, a digit, …), never with 0x12, 0x1A or '*';
    /// 0x0A is also a JSON newline, so it counts as protobuf only when the next byte is the length of a version
    /// string shorter than 32 bytes (a control byte other than tab, newline and carriage return), which JSON text
    /// cannot hold there. Anything else is read as JSON, so garbage keeps its JSON reasons (NotJson, NotUtf8, …).
    /// A frame that starts with its sensorId (0x22, a quote: no version, id or timestamp) is read as JSON and
    /// refused; it has no timestamp, so it would be refused anyway.
    /// </summary>
    public static bool LooksLikeProtobuf(ReadOnlySpan<byte> payload) =>
        payload.Length > 0 && payload[0] switch
        {
            0x12 or 0x1A or 0x2A => true,
            0x0A => payload.Length > 1 && payload[1] < 0x20 && payload[1] is not (0x09 or 0x0A or 0x0D),
            _ => false,
        };
}
