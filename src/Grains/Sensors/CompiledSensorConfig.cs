using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Rules;

namespace Platform.Grains.Sensors;

/// <summary>A sensor's configuration prepared for evaluation: polygons as arrays, time zones resolved, only the rules that apply to this sensor.</summary>
internal sealed class CompiledSensorConfig
{
    public CompiledSensorConfig(SensorConfig config)
    {
        Config = config;
        Zones = [.. (config.Zones ?? []).Where(z => z is not null && !string.IsNullOrEmpty(z.Id) && z.Polygon is { Count: >= 3 })
            .Select(z => new CompiledZone(z.Id, string.IsNullOrWhiteSpace(z.Name) ? z.Id : z.Name, [.. z.Polygon]))];
        Lines = [.. (config.Lines ?? []).Where(l => l is not null && !string.IsNullOrEmpty(l.Id) && l.A != l.B)
            .Select(l => new CompiledLine(l.Id, string.IsNullOrWhiteSpace(l.Name) ? l.Id : l.Name, l.A, l.B))];
        Rules = [.. (config.Rules ?? []).Where(r => r is { Enabled: true, Condition: not null }
                && !string.IsNullOrEmpty(r.Id.Value)
                && (r.SensorIds is null || r.SensorIds.Count == 0 || r.SensorIds.Contains(config.SensorId)))
            .Select(r => new CompiledRule(r))];
    }

    public SensorConfig Config { get; }

    public CompiledZone[] Zones { get; }

    public CompiledLine[] Lines { get; }

    public CompiledRule[] Rules { get; }

    public string ZoneName(string? id) => id is null ? "" : Zones.FirstOrDefault(z => z.Id == id)?.Name ?? id;

    public string LineName(string? id) => id is null ? "" : Lines.FirstOrDefault(l => l.Id == id)?.Name ?? id;
}

internal sealed record CompiledZone(string Id, string Name, PixelPoint[] Polygon);

internal sealed record CompiledLine(string Id, string Name, PixelPoint A, PixelPoint B);

internal sealed class CompiledRule
{
    public CompiledRule(Rule rule)
    {
        Rule = rule;
        Condition = rule.Condition!;
        var classes = RuleClasses.Of(Condition);
        Classes = classes is { Count: > 0 } ? new HashSet<string>(classes, StringComparer.OrdinalIgnoreCase) : null;

        if (rule.Schedule is { } schedule)
        {
            // A schedule whose time zone is unknown here keeps the rule inactive: firing at the wrong hours is worse than not firing.
            TimeZone = ScheduleEvaluator.TryFindTimeZone(schedule.TimeZone, out var zone) ? zone : null;
        }
    }

    public Rule Rule { get; }

    public string Id => Rule.Id.Value;

    public RuleCondition Condition { get; }

    /// <summary>Null: any class.</summary>
    public HashSet<string>? Classes { get; }

    public TimeZoneInfo? TimeZone { get; }

    public bool IsScheduled(DateTimeOffset at) =>
        Rule.Schedule is not { } schedule || (TimeZone is not null && ScheduleEvaluator.IsActive(schedule, TimeZone, at));
}
