namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// Publish an alert to `platform.alerts`. <see cref="MessageTemplate"/> may use the placeholders of
/// <see cref="AlertPlaceholders"/>: "{class} in {zone} on {sensor}".
/// </summary>
public sealed record AlertAction : RuleAction
{
    // `set`, not `init`: System.Text.Json's source generator resets init-only properties that are missing from the
    // JSON to default(T), losing this initializer (dotnet/runtime#84484).
    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;

    public string MessageTemplate { get; init; } = "";
}
