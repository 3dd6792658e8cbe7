using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Grains.Interfaces.Json;

/// <summary>Days of the week as camelCase strings ("monday"), like every other enum in the rule model; DayOfWeek is not ours to annotate.</summary>
public sealed class DayOfWeekJsonConverter() : JsonStringEnumConverter<DayOfWeek>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
