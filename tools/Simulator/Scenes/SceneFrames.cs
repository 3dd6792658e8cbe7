using Platform.Grains.Interfaces.Rules;
using Platform.Simulator.Model;

namespace Platform.Simulator.Scenes;

/// <summary>Frame generation and the few geometric questions scenes ask of their own frames to state their expected firings.</summary>
public static class SceneFrames
{
    /// <summary>DeepStream sends far more often; two detections a second keep scenes readable and the expected times exact.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>One frame per <see cref="Interval"/> over <paramref name="length"/>, holding the actors visible then (frames with none are skipped).</summary>
    public static IReadOnlyList<SimulatedFrame> Generate(string sensorId, DateTimeOffset start, TimeSpan length, IReadOnlyList<SceneActor> actors)
    {
        var frames = new List<SimulatedFrame>();
        for (var offset = TimeSpan.Zero; offset < length; offset += Interval)
        {
            var visible = actors.Where(a => a.IsVisibleAt(offset)).Select(a => a.At(offset)).ToList();
            if (visible.Count > 0)
            {
                frames.Add(new SimulatedFrame(sensorId, start + offset, visible));
            }
        }

        return frames;
    }

    /// <summary>The first frame in which the object's foot point is inside the (axis-aligned rectangular) zone, boundary included.</summary>
    public static DateTimeOffset FirstInside(IReadOnlyList<SimulatedFrame> frames, string trackingId, Zone zone)
    {
        var (left, top, right, bottom) = (zone.Polygon.Min(p => p.X), zone.Polygon.Min(p => p.Y), zone.Polygon.Max(p => p.X), zone.Polygon.Max(p => p.Y));
        return Sightings(frames, trackingId)
            .First(s => s.Object.FootX >= left && s.Object.FootX <= right && s.Object.FootY >= top && s.Object.FootY <= bottom).At;
    }

    /// <summary>
    /// The first frame in which the object is on the other side of the line than in its previous frame, and that
    /// direction (the platform's convention: a-to-b is from the left of A→B, or on it, to its right).
    /// </summary>
    public static (DateTimeOffset At, CrossingDirection Direction) FirstCrossing(IReadOnlyList<SimulatedFrame> frames, string trackingId, Line line)
    {
        bool? wasRight = null;
        foreach (var (at, o) in Sightings(frames, trackingId))
        {
            var cross = ((line.B.X - line.A.X) * (o.FootY - line.A.Y)) - ((line.B.Y - line.A.Y) * (o.FootX - line.A.X));
            var isRight = cross > 0;
            if (wasRight is { } before && before != isRight)
            {
                return (at, isRight ? CrossingDirection.AToB : CrossingDirection.BToA);
            }

            wasRight = isRight;
        }

        throw new InvalidOperationException($"{trackingId} never crosses {line.Id}.");
    }

    /// <summary>The first frame at least <paramref name="after"/> past <paramref name="from"/> in which the object is seen.</summary>
    public static DateTimeOffset FirstSightingAfter(IReadOnlyList<SimulatedFrame> frames, string trackingId, DateTimeOffset from, TimeSpan after) =>
        Sightings(frames, trackingId).First(s => s.At - from >= after).At;

    public static Zone Rectangle(string id, string name, double left, double top, double right, double bottom) => new()
    {
        Id = id,
        Name = name,
        Polygon = [new(left, top), new(right, top), new(right, bottom), new(left, bottom)],
    };

    private static IEnumerable<(DateTimeOffset At, SimulatedObject Object)> Sightings(IReadOnlyList<SimulatedFrame> frames, string trackingId) =>
        frames.SelectMany(f => f.Objects.Where(o => o.TrackingId == trackingId).Select(o => (f.Timestamp, o)));
}
