using System.Text.Json;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Json;
using Platform.Silo.Configuration;
using Platform.Silo.Storage;

namespace Platform.Silo.Outbox;

/// <summary>
/// The Kafka message an effect is, if it is one: a Smart Video Record command for `edge.commands` (key: camera id,
/// DeepStream's JSON plus our commandId, sessionId and cameraId) or an alert for `platform.alerts` (key: the camera
/// where it happened, else the sensor). The message id is the effect's id, so a re-send is recognisable.
/// </summary>
public sealed class OutboxMessages(KafkaOptions topics)
{
    public OutboxMessage? For(string grainId, PendingEffect pending) => pending.Effect switch
    {
        PublishCommand command => new OutboxMessage(command.EffectId, grainId, topics.CommandsTopic, command.CameraId.Value,
            JsonSerializer.SerializeToUtf8Bytes(command.Command, EdgeJsonContext.Default.SmartRecordCommand), pending.TraceParent),
        PublishAlert alert => new OutboxMessage(alert.EffectId, grainId, topics.AlertsTopic, alert.Alert.CameraId?.Value ?? alert.Alert.SensorId.Value,
            JsonSerializer.SerializeToUtf8Bytes(alert.Alert, GrainJsonContext.Default.AlertRaised), pending.TraceParent),
        _ => null,
    };
}
