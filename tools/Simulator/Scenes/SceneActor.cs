using Platform.Simulator.Model;

namespace Platform.Simulator.Scenes;

/// <summary>One object of a scene: seen from <see cref="Appears"/> until before <see cref="Leaves"/>, moving along its path.</summary>
public sealed record SceneActor(string TrackingId, string Label, double Width, double Height, TimeSpan Appears, TimeSpan Leaves, Trajectory Path)
{
    public bool IsVisibleAt(TimeSpan offset) => offset >= Appears && offset < Leaves;

    public SimulatedObject At(TimeSpan offset)
    {
        var (x, y) = Path.At(offset);
        return SimulatedObject.StandingAt(TrackingId, Label, x, y, Width, Height);
    }
}
