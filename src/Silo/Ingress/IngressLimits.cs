namespace Platform.Silo.Ingress;

/// <summary>What ingress accepts. Anything beyond goes to the dead-letter topic with a reason.</summary>
public sealed record IngressLimits
{
    /// <summary>Larger records are refused unread.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>DeepStream's full schema nests about 4 deep.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Objects per minimal-schema message (a crowded frame has a few hundred).</summary>
    public int MaxObjects { get; init; } = 1000;

    /// <summary>Ids (sensor, object) longer than this are refused: they are keys and database ids.</summary>
    public int MaxIdLength { get; init; } = 256;

    /// <summary>Events older than this, by the silo's clock, are refused (a replay of old footage is a different product).</summary>
    public TimeSpan MaxEventAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Events further in the future than this are refused: a device clock that is off by more is broken.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A bbox coordinate beyond this many pixels is not from any camera.</summary>
    public double MaxCoordinate { get; init; } = 100_000;
}
