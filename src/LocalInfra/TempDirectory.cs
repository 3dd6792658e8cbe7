namespace Platform.LocalInfra;

/// <summary>A fresh directory under the system temp dir, removed with everything in it on disposal (unless kept).</summary>
public sealed class TempDirectory : IDisposable
{
    private bool kept;

    public TempDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory($"platform-{prefix}-").FullName;
    }

    public string Path { get; }

    /// <summary>Leaves the directory in place on disposal: a failed test's service logs, for whoever reads its message.</summary>
    public void Keep() => kept = true;

    public void Dispose()
    {
        if (kept)
        {
            return;
        }

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
