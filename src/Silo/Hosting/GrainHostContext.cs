using Microsoft.Extensions.Logging;
using Platform.Grains.Cameras;
using Platform.Grains.Sensors;
using Platform.Silo.Configuration;
using Platform.Silo.Ingress;
using Platform.Silo.Kafka;
using Platform.Silo.Storage;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Hosting;

/// <summary>What every partition worker of a silo shares.</summary>
internal sealed record GrainHostContext(
    GrainHostOptions Options,
    KafkaOptions Topics,
    int PartitionCount,
    SensorGrainOptions SensorOptions,
    CameraGrainOptions CameraOptions,
    GrainStore Store,
    GroupCommit Commits,
    ConfigStore Config,
    IngressRouter Router,
    DeadLetterSender DeadLetters,
    SharedProducer Producer,
    SiloTelemetry Telemetry,
    TimeProvider Time,
    FaultInjection Faults,
    ILogger Logger,
    Action<Exception> OnFatal);
