namespace Platform.Simulator.Scenes;

/// <summary>
/// Where an object's foot point is over time: straight lines between waypoints (offsets from the scene start),
/// standing still before the first and after the last.
/// </summary>
public sealed class Trajectory
{
    private readonly (TimeSpan At, double X, double Y)[] waypoints;

    public Trajectory(params (TimeSpan At, double X, double Y)[] waypoints)
    {
        if (waypoints.Length == 0 || waypoints.Zip(waypoints.Skip(1)).Any(pair => pair.Second.At <= pair.First.At))
        {
            throw new ArgumentException("At least one waypoint, in strictly increasing time.", nameof(waypoints));
        }

        this.waypoints = waypoints;
    }

    public (double X, double Y) At(TimeSpan offset)
    {
        if (offset <= waypoints[0].At)
        {
            return (waypoints[0].X, waypoints[0].Y);
        }

        for (var i = 1; i < waypoints.Length; i++)
        {
            var (from, to) = (waypoints[i - 1], waypoints[i]);
            if (offset <= to.At)
            {
                var f = (offset - from.At) / (to.At - from.At);
                return (from.X + ((to.X - from.X) * f), from.Y + ((to.Y - from.Y) * f));
            }
        }

        return (waypoints[^1].X, waypoints[^1].Y);
    }
}
