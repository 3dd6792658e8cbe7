using Platform.Grains.Interfaces.Edge;

namespace Platform.EdgeAgent.Cache;

/// <summary>
/// Why a recorder is not recording, as an <see cref="EdgeCameraProblems"/> code, from what ffmpeg last wrote to
/// stderr. Several lines are needed: for an unknown host ffmpeg writes "Failed to resolve hostname …: Name or
/// service not known" and then only "Input/output error". The phrases are ffmpeg's own (checked against ffmpeg 7
/// with a closed port, an unknown host, a wrong path and wrong credentials on an RTSP server).
/// </summary>
internal static class RecorderProblem
{
    private static readonly (string Phrase, string Problem)[] Phrases =
    [
        ("401 Unauthorized", EdgeCameraProblems.Unauthorized),
        ("403 Forbidden", EdgeCameraProblems.Unauthorized),
        ("authorization failed", EdgeCameraProblems.Unauthorized),
        ("404 Not Found", EdgeCameraProblems.NotFound),
        ("Connection refused", EdgeCameraProblems.Unreachable),
        ("Connection timed out", EdgeCameraProblems.Unreachable),
        ("No route to host", EdgeCameraProblems.Unreachable),
        ("Network is unreachable", EdgeCameraProblems.Unreachable),
        ("Name or service not known", EdgeCameraProblems.Unreachable),
        ("Failed to resolve hostname", EdgeCameraProblems.Unreachable),
        ("Temporary failure in name resolution", EdgeCameraProblems.Unreachable),
        ("Server returned 5", EdgeCameraProblems.Unreachable),
        ("Could not find tag for codec", EdgeCameraProblems.UnsupportedCodec),
        ("codec not currently supported in container", EdgeCameraProblems.UnsupportedCodec),
        ("not supported in container", EdgeCameraProblems.UnsupportedCodec),
    ];

    /// <summary>The problem of a run that ended; <paramref name="stalled"/> when the agent stopped it for making no segments.</summary>
    public static string Classify(IEnumerable<string> lastLines, bool stalled)
    {
        ArgumentNullException.ThrowIfNull(lastLines);
        var lines = lastLines.ToList();
        foreach (var (phrase, problem) in Phrases)
        {
            if (lines.Exists(l => l.Contains(phrase, StringComparison.OrdinalIgnoreCase)))
            {
                return problem;
            }
        }

        return stalled ? EdgeCameraProblems.Stalled : EdgeCameraProblems.RecorderFailed;
    }
}
