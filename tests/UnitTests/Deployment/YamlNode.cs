using System.Globalization;

namespace Platform.UnitTests.Deployment;

/// <summary>
/// A node of YAML parsed without a schema (YamlDotNet's maps, lists and string scalars) with the path it was reached by,
/// so that a missing or mistyped field fails a test naming where it is ("Deployment/r-platform-silo.spec.replicas").
/// </summary>
internal readonly record struct YamlNode(object? Value, string Path)
{
    public YamlNode this[string key] =>
        new(Value is Dictionary<object, object> map && map.TryGetValue(key, out var child) ? child : null, $"{Path}.{key}");

    public bool Exists => Value is not null;

    public string Text => Value as string ?? throw new InvalidOperationException($"{Path} is not a scalar: {Describe()}");

    public int Int => int.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        ? number
        : throw new InvalidOperationException($"{Path} is not an integer: '{Text}'");

    /// <summary>The elements of a list; none when the node is absent.</summary>
    public IEnumerable<YamlNode> Items
    {
        get
        {
            var path = Path;
            return Value switch
            {
                null => [],
                List<object> list => list.Select((item, i) => new YamlNode(item, $"{path}[{i}]")),
                _ => throw new InvalidOperationException($"{Path} is not a list: {Describe()}"),
            };
        }
    }

    /// <summary>The entries of a map as strings (labels, ConfigMap data); none when the node is absent.</summary>
    public IReadOnlyDictionary<string, string> Strings => Value switch
    {
        null => new Dictionary<string, string>(),
        Dictionary<object, object> map => map.ToDictionary(e => (string)e.Key, e => e.Value as string ?? ""),
        _ => throw new InvalidOperationException($"{Path} is not a map: {Describe()}"),
    };

    private string Describe() => Value?.GetType().Name ?? "absent";
}
