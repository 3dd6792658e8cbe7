using Platform.Grains.Interfaces.Messages;

namespace Platform.Grains.Effects;

/// <summary>
/// Deliver <see cref="Envelope"/> to another grain: directly, in the same partition loop, when the target's
/// key lands on the same partition (pass the sending turn's source position with it); else produce it to
/// `platform.control`. EffectId equals the envelope's message id.
/// </summary>
public sealed record SendToGrain : GrainEffect
{
    public required GrainEnvelope Envelope { get; init; }
}
