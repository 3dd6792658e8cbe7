using System.Text.Json;
using Confluent.Kafka;
using Platform.EdgeAgent.Messaging;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Continuous;

/// <summary>Produces <see cref="ContinuousSegmentUploaded"/> to edge.segments, keyed by camera; returns once the broker has it.</summary>
internal sealed class SegmentAnnouncer(KafkaClients kafka)
{
    public async Task AnnounceAsync(ContinuousSegmentUploaded segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        await kafka.Producer.ProduceAsync(kafka.Options.SegmentsTopic, new Message<string, byte[]>
        {
            Key = segment.CameraId.Value,
            Value = JsonSerializer.SerializeToUtf8Bytes(segment, EdgeJsonContext.Default.ContinuousSegmentUploaded),
        }, cancellationToken);
    }
}
