using System.Collections.Concurrent;
using Platform.Testing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Platform.UnitTests.Deployment;

/// <summary>
/// The objects `helm template` renders from deploy/helm/platform with one set of values, parsed offline. Each
/// rendering runs helm once per test run: the tests of a class share it.
/// </summary>
internal sealed class RenderedChart
{
    public const string ReleaseName = "r";

    private static readonly ConcurrentDictionary<ChartValues, Lazy<Task<RenderedChart>>> Cache = new();

    private RenderedChart(ChartValues values, IReadOnlyList<RenderedObject> objects, string text)
    {
        Values = values;
        Objects = objects;
        Text = text;
    }

    public ChartValues Values { get; }

    public IReadOnlyList<RenderedObject> Objects { get; }

    /// <summary>helm's output as it came.</summary>
    public string Text { get; }

    public static Task<RenderedChart> OfAsync(ChartValues values) =>
        Cache.GetOrAdd(values, v => new Lazy<Task<RenderedChart>>(() => RenderAsync(v))).Value;

    /// <summary>A rendering of its own (not shared): <paramref name="values"/> plus <paramref name="extraArguments"/> (--set …).</summary>
    public static async Task<RenderedChart> RenderAsync(ChartValues values, params string[] extraArguments)
    {
        var chart = HelmChart.Load();
        var result = await HelmTool.RunAsync(
            ["template", ReleaseName, chart.Directory, .. values.HelmArguments(chart.Directory), .. extraArguments]);
        Assert.True(result.Succeeded, $"helm template with {values} {string.Join(' ', extraArguments)}: {result}");
        return new RenderedChart(values, Parse(result.Output), result.Output);
    }

    public RenderedObject Single(string kind, string component) =>
        Objects.Single(o => o.Kind == kind && o.Name == $"{ReleaseName}-platform-{component}");

    public IEnumerable<RenderedObject> OfKind(params string[] kinds) => Objects.Where(o => kinds.Contains(o.Kind));

    /// <summary>Deployments and DaemonSets: the objects that run containers.</summary>
    public IEnumerable<RenderedObject> Workloads => OfKind("Deployment", "DaemonSet");

    /// <summary>The workloads whose pods carry every label of <paramref name="selector"/>.</summary>
    public IEnumerable<RenderedObject> WorkloadsSelectedBy(IReadOnlyDictionary<string, string> selector) =>
        Workloads.Where(w => w.PodLabels.Count > 0 && selector.Count > 0
            && selector.All(label => w.PodLabels.TryGetValue(label.Key, out var value) && value == label.Value));

    /// <summary>The ConfigMap a container takes its environment from (envFrom), as name → value.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentConfigMap(YamlNode container)
    {
        var name = Assert.Single(container["envFrom"].Items)["configMapRef"]["name"].Text;
        return Objects.Single(o => o.Kind == "ConfigMap" && o.Name == name).Root["data"].Strings;
    }

    private static List<RenderedObject> Parse(string text)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var objects = new List<RenderedObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object>(parser);
            if (document is null)
            {
                continue; // an empty document (a template whose condition is false)
            }

            var root = new YamlNode(document, "");
            var kind = root["kind"].Text;
            var name = root["metadata"]["name"].Text;
            objects.Add(new RenderedObject(kind, name, new YamlNode(document, $"{kind}/{name}")));
        }

        return objects;
    }
}
