using System.Collections;
using System.Reflection;

namespace Platform.UnitTests.Deployment;

/// <summary>
/// Whether a configuration key ("Kafka:Security:SaslPassword") is one a service binds: the longest registered section
/// prefix names an options class, and the rest of the key walks its public properties (case-insensitively, as the
/// configuration binder does; numeric segments index collections) down to a settable value. <paramref name="keys"/>
/// are keys read whole (configuration.GetValue) by shared code the service calls, named by that code's constants.
/// </summary>
internal sealed class ConfigurationKeys(IReadOnlyDictionary<string, Type> sections, IReadOnlyCollection<string>? keys = null)
{
    public bool IsBound(string key)
    {
        if (keys is not null && keys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var section = sections.Keys
            .Where(prefix => key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase))
            .MaxBy(prefix => prefix.Length);
        if (section is null)
        {
            return false;
        }

        var type = sections[section];
        var segments = key[(section.Length + 1)..].Split(':');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (int.TryParse(segments[i], out _) && ElementType(type) is { } element)
            {
                type = element;
                continue;
            }

            var property = type.GetProperty(segments[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (last && !property.CanWrite))
            {
                return false;
            }

            type = property.PropertyType;
        }

        return IsScalar(type);
    }

    private static Type? ElementType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal)
            || type == typeof(Uri) || type == typeof(DateTimeOffset);
    }
}
