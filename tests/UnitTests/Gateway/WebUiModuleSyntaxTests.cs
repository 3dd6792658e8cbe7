using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.UnitTests.Gateway;

/// <summary>
/// Every module of the web UI parses as an ES module (Node's parser, the one the install step brings for the S3
/// server): one misplaced bracket stops the whole UI at its first import, which otherwise only a browser shows.
/// </summary>
public sealed class WebUiModuleSyntaxTests
{
    [Fact]
    public async Task Every_web_ui_module_parses()
    {
        var root = Path.Combine(RepositoryPaths.FindRepositoryRoot(), "src", "Gateway", "wwwroot", "js");
        var modules = Directory.GetFiles(root, "*.js", SearchOption.AllDirectories);
        using var copies = new TempDirectory("ui-syntax");
        var failures = new List<string>();
        foreach (var module in modules)
        {
            // A .mjs name makes Node read the file as a module (import/export), as the browser does.
            var copy = Path.Combine(copies.Path, Path.GetRelativePath(root, module).Replace(Path.DirectorySeparatorChar, '_') + ".mjs");
            File.Copy(module, copy);
            var result = await ProcessRunner.RunAsync("node", ["--check", copy], TimeSpan.FromSeconds(30), CancellationToken.None);
            if (!result.Succeeded)
            {
                failures.Add($"{Path.GetRelativePath(root, module)}: {result.StandardError.Trim()}");
            }
        }

        Assert.True(modules.Length > 20, $"only {modules.Length} modules found under {root}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
