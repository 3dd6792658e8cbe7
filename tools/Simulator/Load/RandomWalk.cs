using System.Globalization;
using Platform.Simulator.Model;

namespace Platform.Simulator.Load;

/// <summary>
/// Background traffic: <c>objectsPerSensor</c> objects per sensor wander about a 1920×1080 frame (velocity nudged at
/// random, bouncing off the edges) and are now and then replaced by a newcomer with a new tracking id. Driven by
/// a seeded <see cref="Random"/>, so a seed names one exact stream of detections.
/// </summary>
public sealed class RandomWalk
{
    public const double FrameWidth = 1920;
    public const double FrameHeight = 1080;
    private const double MaxSpeed = 12;
    private static readonly string[] Labels = ["Person", "Person", "Car", "Bicycle"];

    private readonly Random random;
    private readonly Walker[][] sensors;
    private readonly string[] sensorIds;
    private int nextSensor;
    private int nextObject;
    private long nextTrackingId;

    public RandomWalk(IReadOnlyList<string> sensorIds, int objectsPerSensor, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sensorIds.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(objectsPerSensor, 1);
        random = new Random(seed);
        this.sensorIds = [.. sensorIds];
        sensors = [.. sensorIds.Select(_ => Enumerable.Range(0, objectsPerSensor).Select(_ => NewWalker()).ToArray())];
    }

    /// <summary>Moves one object (sensors and their objects in turn) and returns it alone: one full-schema message.</summary>
    public SimulatedFrame NextObject(DateTimeOffset at)
    {
        var sensor = nextSensor;
        var index = nextObject;
        if (++nextObject == sensors[sensor].Length)
        {
            nextObject = 0;
            nextSensor = (nextSensor + 1) % sensors.Length;
        }

        return new SimulatedFrame(sensorIds[sensor], at, [Step(sensor, index)]);
    }

    /// <summary>Moves every object of the next sensor and returns them together: one minimal-schema message.</summary>
    public SimulatedFrame NextSensor(DateTimeOffset at)
    {
        var sensor = nextSensor;
        nextSensor = (nextSensor + 1) % sensors.Length;
        nextObject = 0;
        return new SimulatedFrame(sensorIds[sensor], at, [.. Enumerable.Range(0, sensors[sensor].Length).Select(i => Step(sensor, i))]);
    }

    private SimulatedObject Step(int sensor, int index)
    {
        var walker = sensors[sensor][index];
        if (random.NextDouble() < 0.002)
        {
            walker = sensors[sensor][index] = NewWalker(); // someone leaves, someone new arrives
        }

        walker.Vx = Math.Clamp(walker.Vx + ((random.NextDouble() - 0.5) * 4), -MaxSpeed, MaxSpeed);
        walker.Vy = Math.Clamp(walker.Vy + ((random.NextDouble() - 0.5) * 4), -MaxSpeed, MaxSpeed);
        (walker.X, walker.Vx) = Bounce(walker.X + walker.Vx, walker.Vx, walker.Width / 2, FrameWidth - (walker.Width / 2));
        (walker.Y, walker.Vy) = Bounce(walker.Y + walker.Vy, walker.Vy, walker.Height, FrameHeight);
        return SimulatedObject.StandingAt(walker.TrackingId, walker.Label, walker.X, walker.Y, walker.Width, walker.Height,
            Math.Round(0.6 + (random.NextDouble() * 0.39), 2));
    }

    private static (double Position, double Velocity) Bounce(double position, double velocity, double min, double max) =>
        position < min ? (min, Math.Abs(velocity)) : position > max ? (max, -Math.Abs(velocity)) : (position, velocity);

    private Walker NewWalker()
    {
        var label = Labels[random.Next(Labels.Length)];
        var (width, height) = label == "Car" ? (160.0, 90.0) : (60.0, 170.0);
        return new Walker
        {
            TrackingId = (++nextTrackingId).ToString(CultureInfo.InvariantCulture),
            Label = label,
            Width = width,
            Height = height,
            X = (width / 2) + (random.NextDouble() * (FrameWidth - width)),
            Y = height + (random.NextDouble() * (FrameHeight - height)),
        };
    }

    private sealed class Walker
    {
        public required string TrackingId { get; init; }

        public required string Label { get; init; }

        public required double Width { get; init; }

        public required double Height { get; init; }

        public double X { get; set; }

        public double Y { get; set; }

        public double Vx { get; set; }

        public double Vy { get; set; }
    }
}
