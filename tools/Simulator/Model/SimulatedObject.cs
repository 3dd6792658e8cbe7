namespace Platform.Simulator.Model;

/// <summary>One detected object in one frame: a tracking id, a class and a pixel bounding box (y grows downwards).</summary>
public sealed record SimulatedObject(string TrackingId, string Label, double Left, double Top, double Right, double Bottom, double Confidence)
{
    /// <summary>
    /// An object standing at <paramref name="footX"/>, <paramref name="footY"/>: the bottom-centre of its box, which is
    /// where the sensor grain places it for zones and lines. Coordinates are rounded to the hundredth of a pixel that
    /// messages carry, so what a scene reasons about is exactly what the platform receives.
    /// </summary>
    public static SimulatedObject StandingAt(string trackingId, string label, double footX, double footY, double width, double height,
        double confidence = 0.9) =>
        new(trackingId, label, Pixel(footX - (width / 2)), Pixel(footY - height), Pixel(footX + (width / 2)), Pixel(footY), confidence);

    public static double Pixel(double value) => Math.Round(value, 2);

    public double FootX => (Left + Right) / 2;

    public double FootY => Bottom;
}
