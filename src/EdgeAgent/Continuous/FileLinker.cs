using System.Runtime.InteropServices;

namespace Platform.EdgeAgent.Continuous;

/// <summary>
/// Puts a second name on a closed cache segment: a hard link (no copy, and the cache's retention deleting its name
/// leaves the spool's), or a copy when the link cannot be made (spool on another filesystem, or not Linux). A copy
/// goes to a .tmp name first and is renamed, so the spool never holds half a segment.
/// </summary>
internal static class FileLinker
{
    public const string TemporarySuffix = ".tmp";

    /// <summary>True if linked, false if copied.</summary>
    public static bool LinkOrCopy(string source, string target)
    {
        if (!OperatingSystem.IsWindows() && Link(source, target) == 0)
        {
            return true;
        }

        var temporary = target + TemporarySuffix;
        File.Copy(source, temporary, overwrite: true);
        File.Move(temporary, target, overwrite: true);
        return false;
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
