using System.Text.RegularExpressions;
using Platform.LocalInfra;

namespace Platform.IntegrationTests.Installation;

/// <summary>The project's install list (scripts/install/system-packages.sh) and what it promises (requirements.txt).</summary>
internal static partial class InstallList
{
    private static readonly string Directory = Path.Combine(RepositoryPaths.FindRepositoryRoot(), "scripts", "install");

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

    [GeneratedRegex(@"^APT_PACKAGES=\(([^)]*)\)", RegexOptions.Multiline)]
    private static partial Regex AptPackagesArray();
}
