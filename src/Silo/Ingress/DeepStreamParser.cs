using System.Diagnostics.CodeAnalysis;
using Platform.Grains.Interfaces.Messages;

namespace Platform.Silo.Ingress;

/// <summary>
/// Reads a record of the device topic into a <see cref="DetectionReceived"/>, or says precisely why it cannot:
/// DeepStream's JSON (full or minimal schema, <see cref="DeepStreamJsonReader"/>) or its protobuf nv.Frame
/// (<see cref="NvFrameReader"/>), as the topic's <see cref="DeepStreamFormat"/> says, by default told apart per record.
/// Both formats give the same detection for the same frame. Never throws on bad input.
/// </summary>
public sealed class DeepStreamParser
{
    private readonly IngressLimits limits;
    private readonly DeepStreamFormat format;
    private readonly DeepStreamJsonReader json;
    private readonly NvFrameReader protobuf;
    private readonly NvBehaviorReader behavior;

    public DeepStreamParser(IngressLimits limits, TimeProvider time, DeepStreamFormat format = DeepStreamFormat.Auto)
    {
        var checks = new DetectionChecks(limits, time);
        (this.limits, this.format) = (limits, format);
        (json, protobuf, behavior) = (new DeepStreamJsonReader(checks), new NvFrameReader(checks), new NvBehaviorReader(checks));
    }

    public bool TryParse(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out DetectionReceived? detection,
        [NotNullWhen(false)] out IngressRejection? rejection)
    {
        detection = null;
        if (payload.Length > limits.MaxPayloadBytes)
        {
            rejection = new(DeadLetterReason.TooLarge, $"{payload.Length} bytes, the limit is {limits.MaxPayloadBytes}");
            return false;
        }

        var isProtobuf = format switch
        {
            DeepStreamFormat.Json => false,
            DeepStreamFormat.Protobuf => true,
            _ => DeepStreamFormats.LooksLikeProtobuf(payload.Span),
        };
        if (!isProtobuf)
        {
            return json.TryRead(payload, out detection, out rejection);
        }

        return TryRead(protobuf.Read, payload, out detection, out rejection);
    }

    /// <summary>An analytics event (VSS's nv.Behavior, Kafka:AnalyticsEventsTopic), in the same checks as a frame.</summary>
    public bool TryParseAnalyticsEvent(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out DetectionReceived? detection,
        [NotNullWhen(false)] out IngressRejection? rejection) =>
        TryRead(behavior.Read, payload, out detection, out rejection);

    private static bool TryRead(Func<ReadOnlyMemory<byte>, DetectionReceived> read, ReadOnlyMemory<byte> payload,
        [NotNullWhen(true)] out DetectionReceived? detection, [NotNullWhen(false)] out IngressRejection? rejection)
    {
        try
        {
            detection = read(payload);
            rejection = null;
            return true;
        }
        catch (IngressRejectedException e)
        {
            detection = null;
            rejection = new(e.Reason, e.Message);
            return false;
        }
    }
}
