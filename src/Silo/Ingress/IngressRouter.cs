using System.Text.Json;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Silo.Configuration;

namespace Platform.Silo.Ingress;

/// <summary>
/// Turns one external record into envelopes for the grains it concerns: a DeepStream detection or an analytics
/// event (VSS's mdx-events) for its sensor grain, an edge clip or continuous segment for its camera grain, a heartbeat for each camera it reports and for its agent. Message ids are
/// derived from the record's position, so a re-read record makes identical envelopes. Pure: no I/O.
/// </summary>
public sealed class IngressRouter(KafkaOptions topics, DeepStreamParser parser, IngressLimits limits)
{
    public IngressOutput Route(string topic, int partition, long offset, ReadOnlyMemory<byte> value)
    {
        var position = new IngressPosition(topic, partition, offset);
        if (topic == topics.DeepStreamTopic)
        {
            return parser.TryParse(value, out var detection, out var rejection)
                ? IngressOutput.Accepted(Envelope(GrainKey.ForSensor(detection.SensorId), position, detection.Timestamp, detection))
                : new IngressOutput([], rejection);
        }

        if (value.Length > limits.MaxPayloadBytes)
        {
            return IngressOutput.Refused(DeadLetterReason.TooLarge, $"{value.Length} bytes, the limit is {limits.MaxPayloadBytes}");
        }

        if (topic == topics.AnalyticsEventsTopic)
        {
            return parser.TryParseAnalyticsEvent(value, out var analytics, out var rejection)
                ? IngressOutput.Accepted(Envelope(GrainKey.ForSensor(analytics.SensorId), position, analytics.Timestamp, analytics))
                : new IngressOutput([], rejection);
        }

        if (topic == topics.ClipsTopic)
        {
            return Read(value, EdgeJsonContext.Default.ClipUploaded, out var clip, out var error)
                && HasId(clip.CameraId.Value, "cameraId", ref error)
                ? IngressOutput.Accepted(Envelope(GrainKey.ForCamera(clip.CameraId), position, clip.OccurredAt, new ClipReceived { Clip = clip }))
                : IngressOutput.Refused(DeadLetterReason.BadEdgeMessage, $"not an edge clip message: {error}");
        }

        if (topic == topics.SegmentsTopic)
        {
            return Read(value, EdgeJsonContext.Default.ContinuousSegmentUploaded, out var segment, out var error)
                && HasId(segment.CameraId.Value, "cameraId", ref error)
                && IsSegment(segment, ref error)
                ? IngressOutput.Accepted(Envelope(GrainKey.ForCamera(segment.CameraId), position, segment.OccurredAt, new SegmentReceived { Segment = segment }))
                : IngressOutput.Refused(DeadLetterReason.BadEdgeMessage, $"not an edge segment message: {error}");
        }

        if (topic == topics.StatusTopic)
        {
            return Read(value, EdgeJsonContext.Default.EdgeAgentStatus, out var status, out var error)
                && HasId(status.AgentId, "agentId", ref error)
                && status.Cameras.All(c => HasId(c.CameraId.Value, "cameras[].cameraId", ref error))
                ? IngressOutput.Accepted([
                    .. status.Cameras.Select((camera, index) => Envelope(
                        GrainKey.ForCamera(camera.CameraId), position with { Index = index }, status.OccurredAt,
                        new CameraHeartbeat { AgentId = status.AgentId, Site = status.Site, ReportedAt = status.OccurredAt, Camera = camera })),
                    Envelope(GrainKey.ForAgent(status.AgentId), position with { Index = status.Cameras.Count }, status.OccurredAt,
                        new AgentHeartbeat { Status = status })])
                : IngressOutput.Refused(DeadLetterReason.BadEdgeMessage, $"not an edge status message: {error}");
        }

        return IngressOutput.Refused(DeadLetterReason.UnknownSchema, $"ingress does not read topic '{topic}'");
    }

    private static GrainEnvelope Envelope(GrainKey grain, IngressPosition position, DateTimeOffset occurredAt, GrainMessage message) => new()
    {
        MessageId = $"{position.Topic}/{position.Partition}/{position.Offset}/{position.Index}",
        GrainKey = grain,
        OccurredAt = occurredAt,
        Message = message,
        Source = position,
    };

    /// <summary>The key must be the one the times and camera name (the gateway finds objects by it), the times in order.</summary>
    private static bool IsSegment(ContinuousSegmentUploaded segment, ref string error)
    {
        if (segment.End < segment.Start || segment.Bytes < 0)
        {
            error = "end must not precede start, and bytes must not be negative";
            return false;
        }

        if (segment.ObjectKey != ContinuousObjectKeys.Key(segment.CameraId, segment.Start, segment.End))
        {
            error = "objectKey is not continuous/{cameraId}/{yyyy}/{MM}/{dd}/{HH}/{startMs}-{endMs}.mkv of this segment";
            return false;
        }

        return true;
    }

    private static bool HasId(string? id, string path, ref string error)
    {
        if (!string.IsNullOrWhiteSpace(id) && id.Length <= 256)
        {
            return true;
        }

        error = $"{path} must be 1 to 256 characters";
        return false;
    }

    private static bool Read<T>(ReadOnlyMemory<byte> value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? message, out string error)
        where T : class
    {
        try
        {
            message = JsonSerializer.Deserialize(value.Span, type);
            error = message is null ? "null" : "";
            return message is not null;
        }
        // Besides malformed JSON: invalid UTF-8 inside a string, an unknown enum value, a value a converter refuses.
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
        {
            message = null;
            error = e.Message;
            return false;
        }
    }
}
