using Platform.Grains.Interfaces.Messages;

namespace Platform.Grains.Effects;

/// <summary>
/// Deliver <see cref="Envelope"/> to another grain: the sensor grain calls the camera grain with it
/// (<c>ICameraGrain.RequestRecording</c>) before storing its state. EffectId equals the envelope's message id.
/// </summary>
public sealed record SendToGrain : GrainEffect
{
    public required GrainEnvelope Envelope { get; init; }
}
