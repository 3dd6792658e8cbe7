using System.Text.Json;
using Confluent.Kafka;
using Platform.EdgeAgent.Messaging;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Spool;

/// <summary>Produces <see cref="ClipUploaded"/> to edge.clips, keyed by camera, with the trace's traceparent header; returns once the broker has it.</summary>
internal sealed class ClipAnnouncer(KafkaClients kafka)
{
    /// <summary>
    /// Fetches edge.clips' partitions into the producer. Without it the producer learns them at the first
    /// announcement after a start, which then waits about a second longer (measured against the embedded broker).
    /// </summary>
    public void LearnPartitions(TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(kafka.Producer.Handle).Build();
        admin.GetMetadata(kafka.Options.ClipsTopic, timeout);
    }

    public async Task AnnounceAsync(ClipUploaded clip, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var headers = new Headers();
        TraceParent.AddTo(headers, traceParent);
        var message = new Message<string, byte[]>
        {
            Key = clip.CameraId.Value,
            Value = JsonSerializer.SerializeToUtf8Bytes(clip, EdgeJsonContext.Default.ClipUploaded),
            Headers = headers,
        };
        await kafka.Producer.ProduceAsync(kafka.Options.ClipsTopic, message, cancellationToken);
    }
}
