using System.Text.RegularExpressions;
using Platform.LocalInfra;

namespace Platform.IntegrationTests.Installation;

/// <summary>The project's install list (scripts/install/system-packages.sh) and what it promises (requirements.txt).</summary>
internal static partial class InstallList
{
    private static readonly string Root = RepositoryPaths.FindRepositoryRoot();

    private static readonly string Directory = Path.Combine(Root, "scripts", "install");

    /// <summary>The Debian packages `./platform install` installs: the APT_PACKAGES array.</summary>
    public static IReadOnlyList<string> AptPackages()
    {
        var script = File.ReadAllText(Path.Combine(Directory, "system-packages.sh"));
        var array = AptPackagesArray().Match(script);
        Assert.True(array.Success, "system-packages.sh has no APT_PACKAGES=( … ) array");
        return array.Groups[1].Value.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Each line of requirements.txt: what is needed, and the listed package that brings it.</summary>
    public static IReadOnlyList<Requirement> Requirements() =>
        File.ReadLines(Path.Combine(Directory, "requirements.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split((char[])[' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => new Requirement(fields[0], fields[1], fields[2].Trim()))
            .ToList();

    /// <summary>The scripts that `./platform install` runs (its install_all function), relative to the repository root.</summary>
    public static IReadOnlySet<string> InstallSteps()
    {
        var body = InstallAllFunction().Match(File.ReadAllText(Path.Combine(Root, "platform")));
        Assert.True(body.Success, "./platform has no install_all() { … } function");
        return InstallStep().Matches(body.Groups[1].Value).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The NAME="value" assignments at the top level of an install script (its pins).</summary>
    public static IReadOnlyDictionary<string, string> ScriptAssignments(string relativePath) =>
        Assignment().Matches(File.ReadAllText(Path.Combine(Root, relativePath)))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^install_all\(\) \{\n(.*?)^\}", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex InstallAllFunction();

    [GeneratedRegex(@"^\s*bash ""\$ROOT/([^""]+)""\s*$", RegexOptions.Multiline)]
    private static partial Regex InstallStep();

    [GeneratedRegex(@"^([a-z_0-9]+)=""([^""$]*)""\s*$", RegexOptions.Multiline)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^APT_PACKAGES=\(([^)]*)\)", RegexOptions.Multiline)]
    private static partial Regex AptPackagesArray();
}
