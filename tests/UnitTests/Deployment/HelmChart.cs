using System.Text.RegularExpressions;
using Platform.LocalInfra;
using YamlDotNet.Serialization;

namespace Platform.UnitTests.Deployment;

/// <summary>The chart's files as text and parsed YAML, found from the repository root (the folder holding Platform.sln).</summary>
internal sealed partial class HelmChart
{
    private HelmChart(string root)
    {
        RepositoryRoot = root;
        Directory = Path.Combine(root, "deploy", "helm", "platform");
        var yaml = new DeserializerBuilder().Build();
        Chart = (Dictionary<object, object>)yaml.Deserialize<object>(File.ReadAllText(Path.Combine(Directory, "Chart.yaml")))!;
        Values = (Dictionary<object, object>)yaml.Deserialize<object>(File.ReadAllText(Path.Combine(Directory, "values.yaml")))!;
        Templates = System.IO.Directory.GetFiles(Path.Combine(Directory, "templates"))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".tpl", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
    }

    public static HelmChart Load() => new(RepositoryPaths.FindRepositoryRoot());

    public string RepositoryRoot { get; }

    public string Directory { get; }

    public Dictionary<object, object> Chart { get; }

    public Dictionary<object, object> Values { get; }

    /// <summary>File name → text, templates/*.yaml and _helpers.tpl.</summary>
    public IReadOnlyDictionary<string, string> Templates { get; }

    /// <summary>Every `.Values.a.b` path a template uses, as "a.b".</summary>
    public IReadOnlySet<string> ValuesPaths() =>
        Templates.Values.SelectMany(t => ValuesPath().Matches(t).Select(m => m.Groups[1].Value.TrimStart('.'))).ToHashSet();

    /// <summary>The value at a dotted path of values.yaml, or null when a segment is missing.</summary>
    public object? Value(string path)
    {
        object? node = Values;
        foreach (var segment in path.Split('.'))
        {
            if (node is not Dictionary<object, object> map || !map.TryGetValue(segment, out node))
            {
                return null;
            }
        }

        return node ?? "";
    }

    public int IntValue(string path) => int.Parse((string)Value(path)!, System.Globalization.CultureInfo.InvariantCulture);

    public string ReadRepositoryFile(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesPath();
}
