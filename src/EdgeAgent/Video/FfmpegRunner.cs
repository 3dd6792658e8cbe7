using FFMpegCore;
using Platform.EdgeAgent.Configuration;

namespace Platform.EdgeAgent.Video;

/// <summary>
/// Runs a short FFMpegCore job (a join, a thumbnail) with the agent's binaries and a deadline. FFMpegCore
/// stops a job it cancels by sending <c>q</c>, then kills it after its grace period.
/// </summary>
internal static class FfmpegRunner
{
    /// <summary>FFMpegCore's options for this agent: its binary folder (empty: PATH) and where job files go.</summary>
    public static FFOptions Options(EdgeAgentOptions agent, string? temporaryFilesFolder = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new FFOptions
        {
            BinaryFolder = agent.FfmpegBinaryFolder,
            TemporaryFilesFolder = temporaryFilesFolder ?? Path.GetTempPath(),
        };
    }

    /// <summary>Runs <paramref name="job"/>; a result that did not succeed carries ffmpeg's exit code and standard error.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>.</exception>
    public static async Task<FFMpegResult> RunAsync(FFMpegArgumentProcessor job, FFOptions options, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var result = await job.ProcessAsynchronously(throwOnError: false, options, deadline.Token);
        if (result.Cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"ffmpeg did not finish within {timeout.TotalSeconds:F0} s: {LastLine(result)}");
        }

        return result;
    }

    /// <summary>The last non-empty line of standard error, the one that usually says what went wrong.</summary>
    public static string LastLine(FFMpegResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.StandardError.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? "";
    }
}
