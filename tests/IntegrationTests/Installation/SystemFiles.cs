using System.Text.RegularExpressions;
using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Installation;

/// <summary>Where on this machine the file is that satisfies a requirement (a plugin, a program, a typelib), or null when it is missing.</summary>
internal static partial class SystemFiles
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<string?> FileOfAsync(Requirement requirement) => requirement.Kind switch
    {
        "gst-element" => await GStreamerPluginAsync(requirement.Name),
        "executable" or "browser" => Executable(requirement.Name),
        "python-module" => requirement.Name == "gi"
            ? (await MediaProbe.RunAsync(RtspCameraServer.PythonExecutable, ["-c", "import gi; print(gi.__file__)"], Timeout)).Trim()
            : FirstMatch($"/usr/lib/*/girepository-1.0/{requirement.Name}-1.0.typelib"),
        // ffmpeg's muxers, demuxers, encoders and filters live in its own libraries: they come with the program.
        _ when requirement.Kind.StartsWith("ffmpeg-", StringComparison.Ordinal) =>
            await FfmpegListsAsync(requirement.Kind["ffmpeg-".Length..], requirement.Name) ? Executable("ffmpeg") : null,
        _ => throw new InvalidOperationException($"requirements.txt has a kind the test does not know: {requirement}"),
    };

    public static string? Executable(string name)
    {
        if (name.StartsWith('/'))
        {
            return FirstMatch(name);
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
    }

    private static async Task<string?> GStreamerPluginAsync(string element)
    {
        var result = await ProcessRunner.RunAsync("gst-inspect-1.0", [element], Timeout, CancellationToken.None);
        return result.Succeeded ? PluginFile().Match(result.StandardOutput) is { Success: true } m ? m.Groups[1].Value : null : null;
    }

    private static async Task<bool> FfmpegListsAsync(string kind, string name)
    {
        var list = await MediaProbe.RunAsync("ffmpeg", ["-hide_banner", $"-{kind}s"], Timeout);
        // " E mp4  MP4 (MPEG-4 Part 14)", " V....D mjpeg ...", " ... scale  V->V  Scale the input video size": the name is a
        // word among the first three columns, possibly one of several separated by commas ("mov,mp4,m4a,3gp,3g2,mj2").
        return list.Split('\n').Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3)
            .Any(word => word.Split(',').Contains(name, StringComparer.Ordinal)));
    }

    private static string? FirstMatch(string pattern)
    {
        var directory = Path.GetDirectoryName(pattern)!;
        var name = Path.GetFileName(pattern);
        if (!directory.Contains('*', StringComparison.Ordinal))
        {
            return Directory.Exists(directory) ? Directory.EnumerateFiles(directory, name).FirstOrDefault() : null;
        }

        // One wildcard directory level, as in /usr/lib/postgresql/*/bin/initdb.
        var star = directory.IndexOf('*', StringComparison.Ordinal);
        var parent = directory[..directory.LastIndexOf('/', star)];
        var below = directory[(directory.IndexOf('/', star) is var slash and >= 0 ? slash + 1 : directory.Length)..];
        return !Directory.Exists(parent) ? null : Directory.EnumerateDirectories(parent)
            .Select(d => Path.Combine(d, below))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, name))
            .FirstOrDefault();
    }

    [GeneratedRegex(@"^\s*Filename\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex PluginFile();
}
