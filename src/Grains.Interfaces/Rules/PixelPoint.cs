namespace Platform.Grains.Interfaces.Rules;

/// <summary>A point in a sensor's frame, in pixels: x to the right, y downwards (image coordinates).</summary>
public readonly record struct PixelPoint(double X, double Y);
