namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// A counting line from <see cref="A"/> to <see cref="B"/> in pixel coordinates (y downwards). Crossing
/// directions are named from the line's own orientation: see <see cref="CrossingDirection"/>.
/// </summary>
public sealed record Line
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public PixelPoint A { get; init; }

    public PixelPoint B { get; init; }
}
