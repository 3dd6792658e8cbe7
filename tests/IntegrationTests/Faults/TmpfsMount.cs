using System.Diagnostics;
using System.Globalization;

namespace Platform.IntegrationTests.Faults;

/// <summary>A small tmpfs mounted on a new directory (needs root): a disk that really fills up. Unmounted on dispose.</summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    public static async Task<TmpfsMount> MountAsync(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        await RunAsync("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={megabytes}m"), "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Fills the disk until only <paramref name="freeBytes"/> are left.</summary>
    public async Task FillLeavingAsync(long freeBytes)
    {
        var ballast = new byte[Math.Max(0, FreeBytes - freeBytes)];
        await File.WriteAllBytesAsync(System.IO.Path.Combine(Path, "ballast"), ballast);
    }

    public async ValueTask DisposeAsync() => await RunAsync("umount", "--lazy", Path);

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} (this test needs root)");
        }
    }
}
