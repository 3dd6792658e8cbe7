using System.Diagnostics;
using Confluent.Kafka;
using Orleans.Runtime;
using Platform.Grains.Interfaces.Grains;
using Platform.Grains.Interfaces.Messages;
using Platform.Messaging;
using Platform.Silo.Ingress;
using Platform.Silo.Telemetry;
using Platform.Streaming.Kafka.Mapping;

namespace Platform.Silo.Streams;

/// <summary>
/// The platform's records for the Kafka stream provider: a DeepStream detection (full or minimal schema) becomes an
/// event on its sensor's stream, an edge clip announcement an event on its camera's stream, an edge heartbeat one
/// event per camera it reports; anything else is refused with the reason <see cref="IngressRouter"/> gives. Each
/// record gets a "receive" span in the trace its `traceparent` header names; events carry that span on.
/// </summary>
public sealed class DeepStreamRecordMapper(IngressRouter router) : IKafkaRecordMapper
{
    public KafkaRecordMapping Map(ConsumeResult<byte[]?, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);

        // The ambient activity is the pulling agent's timer tick: a record without a traceparent header (a real
        // DeepStream device sends none) starts a trace of its own instead of joining every other record of the tick.
        var ambient = Activity.Current;
        Activity.Current = null;
        try
        {
            return Map(record, record.Message.Headers);
        }
        finally
        {
            Activity.Current = ambient;
        }
    }

    private KafkaRecordMapping Map(ConsumeResult<byte[]?, byte[]> record, Headers? headers)
    {
        using var activity = SiloTelemetry.Source.StartActivity($"receive {record.Topic}", ActivityKind.Consumer, TraceContextHeaders.Extract(headers));
        var output = router.Route(record.Topic, record.Partition.Value, record.Offset.Value, record.Message.Value ?? []);
        if (output.Rejection is { } rejection)
        {
            activity?.SetStatus(ActivityStatusCode.Error, rejection.Reason.ToString());
            return KafkaRecordMapping.Refuse(rejection.Reason.ToString(), rejection.Detail);
        }

        var traceParent = activity?.Id ?? TraceContextHeaders.TraceParentOf(headers);
        var events = new KafkaStreamEvent[output.Envelopes.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var envelope = output.Envelopes[i];
            var space = envelope.GrainKey.Kind switch
            {
                GrainKind.Sensor => StreamNamespaces.Sensor,
                GrainKind.Camera => StreamNamespaces.Camera,
                _ => StreamNamespaces.Agent,
            };
            events[i] = new KafkaStreamEvent(StreamId.Create(space, envelope.GrainKey.Key), envelope with { TraceParent = traceParent });
        }

        return KafkaRecordMapping.Accept(events);
    }
}
