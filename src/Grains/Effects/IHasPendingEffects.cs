namespace Platform.Grains.Effects;

/// <summary>A grain state whose writes carry effects: the grain storage stores them with the state, atomically.</summary>
public interface IHasPendingEffects
{
    PendingEffects Effects { get; }
}
