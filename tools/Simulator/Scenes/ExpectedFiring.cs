using Platform.Grains.Interfaces.Ids;

namespace Platform.Simulator.Scenes;

/// <summary>A rule firing a scene is written to cause: which rule, at which detection (event time).</summary>
public sealed record ExpectedFiring(RuleId RuleId, DateTimeOffset At);
