using Platform.EdgeAgent.Cache;
using Platform.Grains.Interfaces.Edge;

namespace Platform.UnitTests.EdgeAgent;

/// <summary>The lines are ffmpeg 7's own, captured against a closed port, an unknown host and an RTSP server with auth.</summary>
public sealed class RecorderProblemTests
{
    [Theory]
    [InlineData(EdgeCameraProblems.Unauthorized, "[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized", "rtsp://alice:***@127.0.0.1:18554/cam: Server returned 401 Unauthorized (authorization failed)")]
    [InlineData(EdgeCameraProblems.Unauthorized, "[rtsp @ 0x55] method DESCRIBE failed: 403 Forbidden", "rtsp://h/cam: Server returned 403 Forbidden (access denied)")]
    [InlineData(EdgeCameraProblems.NotFound, "[rtsp @ 0x55] method DESCRIBE failed: 404 Not Found", "rtsp://127.0.0.1:18554/nope: Server returned 404 Not Found")]
    [InlineData(EdgeCameraProblems.Unreachable, "[tcp @ 0x55] Connection to tcp://127.0.0.1:1?timeout=3000000 failed: Connection refused", "rtsp://127.0.0.1:1/cam: Connection refused")]
    [InlineData(EdgeCameraProblems.Unreachable, "[tcp @ 0x55] Failed to resolve hostname nonexistent.invalid: Name or service not known", "rtsp://nonexistent.invalid/cam: Input/output error")]
    [InlineData(EdgeCameraProblems.Unreachable, "[tcp @ 0x55] Connection to tcp://10.1.1.1:554 failed: Connection timed out", "rtsp://10.1.1.1/cam: Connection timed out")]
    [InlineData(EdgeCameraProblems.Unreachable, "[tcp @ 0x55] Connection to tcp://10.1.1.1:554 failed: No route to host", "rtsp://10.1.1.1/cam: No route to host")]
    [InlineData(EdgeCameraProblems.Unreachable, "[rtsp @ 0x55] method DESCRIBE failed: 503 Service Unavailable", "rtsp://h/cam: Server returned 5XX Server Error reply")]
    [InlineData(EdgeCameraProblems.UnsupportedCodec, "[matroska @ 0x55] Could not find tag for codec pcm_alaw in stream #0", "Could not write header: Invalid argument")]
    [InlineData(EdgeCameraProblems.RecorderFailed, "Error opening output files: Invalid argument", "Conversion failed!")]
    public void The_last_lines_name_the_problem(string expected, string first, string last) =>
        Assert.Equal(expected, RecorderProblem.Classify([first, last], stalled: false));

    [Fact]
    public void A_run_stopped_for_making_no_segments_without_a_telling_line_is_stalled()
    {
        Assert.Equal(EdgeCameraProblems.Stalled, RecorderProblem.Classify([], stalled: true));
        Assert.Equal(EdgeCameraProblems.Unreachable, RecorderProblem.Classify(["rtsp://h/cam: Connection timed out"], stalled: true));
    }
}
