namespace Platform.Testing;

/// <summary>Finds the built entry assembly of one of the solution's programs, in the configuration the tests were built in.</summary>
public static class BuiltTool
{
    /// <summary>The configuration the tests were built in (Debug or Release): the services they start come from the same build.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    /// <param name="projectDirectory">The project's folder relative to the repository root, e.g. "tools/Infra".</param>
    /// <param name="assemblyName">e.g. "Platform.Infra".</param>
    public static string Path(string projectDirectory, string assemblyName)
    {
        // Test binaries sit in tests/NAME/bin/CONFIGURATION/net10.0/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = Configuration;
        var root = Platform.LocalInfra.RepositoryPaths.FindRepositoryRoot();
        var path = System.IO.Path.Combine(root, projectDirectory, "bin", configuration, framework.Name, assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{assemblyName} is not built in {configuration}; build Platform.sln first.", path);
    }
}
