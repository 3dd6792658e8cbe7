namespace Platform.Grains.Interfaces.Rules;

/// <summary>The bottom-centre of an object's box crosses a line between two detections, in the given direction.</summary>
public sealed record LineCrossingCondition : RuleCondition
{
    public string LineId { get; init; } = "";

    public CrossingDirection Direction { get; init; } = CrossingDirection.Either;

    /// <summary>Compared case-insensitively; empty means any class.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];
}
