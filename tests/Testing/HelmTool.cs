using Platform.LocalInfra;

namespace Platform.Testing;

/// <summary>
/// The helm binary that scripts/install/helm.sh installs into the tools directory. Tests run this one, never a helm on
/// PATH: the suite must check the chart with the pinned Helm on every machine, and fail when the install step did not run.
/// </summary>
public static class HelmTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>$PLATFORM_TOOLS_DIR/helm: the binary and the install stamp.</summary>
    public static string InstallDirectory => Path.Combine(RepositoryPaths.ToolsDirectory(), "helm");

    public static string BinaryPath => Path.Combine(InstallDirectory, "helm");

    /// <summary>Runs helm with <paramref name="arguments"/> and returns how it ended (a failing helm is an answer, not an error).</summary>
    /// <exception cref="FileNotFoundException">The install step has not run.</exception>
    public static async Task<HelmResult> RunAsync(params string[] arguments)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new FileNotFoundException(
                $"helm is not installed in {InstallDirectory}. Run `./platform install` or scripts/install/helm.sh " +
                $"(it honours {RepositoryPaths.ToolsDirVariable}).", BinaryPath);
        }

        var result = await ProcessRunner.RunAsync(BinaryPath, arguments, Timeout, CancellationToken.None);
        return new HelmResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
