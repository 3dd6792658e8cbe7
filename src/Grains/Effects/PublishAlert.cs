using Platform.Grains.Interfaces.Alerts;

namespace Platform.Grains.Effects;

/// <summary>Produce <see cref="Alert"/> to `platform.alerts` (keyed by camera id, else sensor id) and store it. EffectId equals the alert id.</summary>
public sealed record PublishAlert : GrainEffect
{
    public required AlertRaised Alert { get; init; }
}
