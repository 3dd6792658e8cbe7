namespace Platform.LocalInfra;

/// <summary>
/// Where the project's installed tools live. `./platform` installs them under `.platform/tools` in the
/// repository and exports PLATFORM_TOOLS_DIR; code started some other way (an IDE's test runner) finds the
/// repository by walking up from its own binaries to Platform.sln.
/// </summary>
public static class RepositoryPaths
{
    public const string ToolsDirVariable = "PLATFORM_TOOLS_DIR";

    public static string ToolsDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ToolsDirVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return Path.Combine(FindRepositoryRoot(), ".platform", "tools");
    }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Platform.sln not found above {AppContext.BaseDirectory}; set {ToolsDirVariable} to the tools directory.");
    }
}
