namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// A region of a sensor's frame. An object is in the zone when the bottom-centre of its bounding box (where it
/// touches the ground) is inside <see cref="Polygon"/> or on its boundary.
/// </summary>
public sealed record Zone
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>At least three vertices in pixel coordinates, not self-intersecting; closed implicitly (last to first).</summary>
    public IReadOnlyList<PixelPoint> Polygon { get; init; } = [];
}
