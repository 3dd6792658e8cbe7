using Platform.Testing;

namespace Platform.IntegrationTests.Installation;

/// <summary>Questions to this machine's package database: who owns a file, and what a package pulls in.</summary>
internal static class DebianPackages
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The packages that installing <paramref name="packages"/> brings, themselves included: their dependencies, recursively,
    /// without recommends and suggests (the install uses --no-install-recommends).
    /// </summary>
    public static async Task<IReadOnlySet<string>> ClosureAsync(IEnumerable<string> packages)
    {
        var output = await MediaProbe.RunAsync("apt-cache",
            ["depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances",
             .. packages], Timeout);
        // Package names start a line; their dependencies are indented below them.
        return output.Split('\n').Where(line => line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '<')
            .Select(line => line.Split(':')[0].Trim()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The package that installed <paramref name="path"/>, or null. Debian 12 merges /lib into /usr/lib, so dpkg may know the other spelling.</summary>
    public static async Task<string?> OwnerOfAsync(string path)
    {
        var real = Path.GetFullPath(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path);
        foreach (var candidate in new[] { path, real }.SelectMany(Spellings).Distinct(StringComparer.Ordinal))
        {
            var result = await ProcessRunnerResult("dpkg-query", ["-S", candidate]);
            if (result is not null)
            {
                // "package[:arch]: /path"
                return result.Split('\n')[0].Split(':')[0].Trim();
            }
        }

        return null;
    }

    private static IEnumerable<string> Spellings(string path)
    {
        yield return path;
        if (path.StartsWith("/usr/", StringComparison.Ordinal))
        {
            yield return path["/usr".Length..];
        }
        else
        {
            yield return "/usr" + path;
        }
    }

    private static async Task<string?> ProcessRunnerResult(string fileName, IReadOnlyList<string> arguments)
    {
        try
        {
            return await MediaProbe.RunAsync(fileName, arguments, Timeout);
        }
        catch (InvalidOperationException)
        {
            return null; // dpkg-query exits 1 when no package owns the path
        }
    }
}
