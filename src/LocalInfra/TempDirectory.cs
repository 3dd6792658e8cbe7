namespace Platform.LocalInfra;

/// <summary>A fresh directory under the system temp dir, removed with everything in it on disposal.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory($"platform-{prefix}-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already removed.
        }
    }
}
