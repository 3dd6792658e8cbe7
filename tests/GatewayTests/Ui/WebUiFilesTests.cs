using System.Net;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.GatewayTests.Ui;

/// <summary>
/// Every file the web UI loads, found by following index.html's links and each module's imports from the build
/// output, is served by the gateway with the UI's headers: the npm libraries under /lib (copied by the gateway build
/// from what ./platform install put in src/Gateway/WebLibraries/node_modules) as much as the UI's own files.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class WebUiFilesTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new(kafka, postgres, s3);

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Each_file_the_ui_links_or_imports_is_served_with_the_uis_headers_npm_libraries_included()
    {
        using var anonymous = host.CreateClient();
        var served = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(["/index.html"]);
        var problems = new List<string>();
        while (pending.TryDequeue(out var path))
        {
            if (!served.Add(path))
            {
                continue;
            }

            using var response = await anonymous.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{path}: {(int)response.StatusCode}");
                continue;
            }

            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            var csp = string.Join(' ', response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values : []);
            if (!csp.Contains("script-src 'self';", StringComparison.Ordinal) || response.Headers.CacheControl?.NoCache != true)
            {
                problems.Add($"{path}: without the UI's CSP or Cache-Control: no-cache");
            }

            var module = path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".mjs", StringComparison.Ordinal);
            if (module && type != "text/javascript")
            {
                problems.Add($"{path}: served as {type}, which a browser refuses as a module");
            }

            var text = await response.Content.ReadAsStringAsync();
            var references = path.EndsWith(".html", StringComparison.Ordinal) ? HtmlReference().Matches(text)
                : module ? ModuleReference().Matches(text)
                : CssReference().Matches(text);
            foreach (var reference in references.Select(m => m.Groups["url"].Value).Where(IsOwnFile))
            {
                pending.Enqueue(new Uri(new Uri("http://ui" + path), reference).AbsolutePath);
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Contains("/lib/uplot/uPlot.esm.js", served);
        Assert.Contains("/lib/uplot/uPlot.min.css", served);
        Assert.Contains("/lib/hls.js/hls.light.min.mjs", served);
        Assert.Contains("/js/views/metrics.js", served);
    }

    private static bool IsOwnFile(string url) => url.Length > 0 && !url.StartsWith('#') && !url.Contains(':', StringComparison.Ordinal);

    [GeneratedRegex(""""<(?:script|link)\b[^>]*\b(?:src|href)="(?<url>[^"]+)"""")]
    private static partial Regex HtmlReference();

    // Static imports and re-exports at the start of a line (`import x from './a.js'`, `export { y } from "./b.js"`,
    // `import './c.js'`), and import(): a library's code and comments say "from '…'" elsewhere too.
    [GeneratedRegex("""(?m)^[ \t]*(?:(?:import|export)\b[^'";]*?\bfrom|import)\s*["'](?<url>[^"'\n]+)["']|\bimport\(\s*["'](?<url>[^"'\n]+)["']""")]
    private static partial Regex ModuleReference();

    [GeneratedRegex("""(?:@import\s+|url\(\s*)["']?(?<url>[^"')\s]+)""")]
    private static partial Regex CssReference();
}
