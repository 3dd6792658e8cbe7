using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Effects;

/// <summary>Produce <see cref="Command"/> to `edge.commands`, keyed by <see cref="CameraId"/>. EffectId equals the command's commandId.</summary>
public sealed record PublishCommand : GrainEffect
{
    public required CameraId CameraId { get; init; }

    public required SmartRecordCommand Command { get; init; }
}
