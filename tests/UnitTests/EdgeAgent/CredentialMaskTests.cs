using Platform.EdgeAgent.Telemetry;

namespace Platform.UnitTests.EdgeAgent;

public sealed class CredentialMaskTests
{
    [Fact]
    public void The_password_of_a_url_in_an_ffmpeg_error_is_hidden_and_the_user_and_host_stay()
    {
        var line = "rtsp://alice:wrong@127.0.0.1:18554/cam: Server returned 401 Unauthorized (authorization failed)";

        Assert.Equal("rtsp://alice:***@127.0.0.1:18554/cam: Server returned 401 Unauthorized (authorization failed)", CredentialMask.Mask(line));
    }

    [Fact]
    public void A_password_with_unencoded_special_characters_is_hidden_whole()
    {
        var masked = CredentialMask.Mask("Could not open rtsp://bob:p@ss:w/rd@cam.local/live now");

        Assert.Equal("Could not open rtsp://bob:***@cam.local/live now", masked);
        Assert.DoesNotContain("ss:w", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void A_percent_encoded_password_is_hidden_in_the_url_and_the_known_secret_anywhere()
    {
        var masked = CredentialMask.Mask("rtsp://alice:s3cr%3At%40x@127.0.0.1/nope: Server returned 404 Not Found; tried s3cr:t@x", "s3cr:t@x");

        Assert.Equal("rtsp://alice:***@127.0.0.1/nope: Server returned 404 Not Found; tried ***", masked);
    }

    [Fact]
    public void Every_url_of_a_line_is_masked()
    {
        var masked = CredentialMask.Mask("rtsp://a:one@h1/x and rtsps://b:two@h2:322/y");

        Assert.Equal("rtsp://a:***@h1/x and rtsps://b:***@h2:322/y", masked);
    }

    [Theory]
    [InlineData("rtsp://127.0.0.1:1/cam: Connection refused")]
    [InlineData("rtsp://alice@cam.local/live: Server returned 401 Unauthorized")]
    [InlineData("Input/output error")]
    [InlineData("")]
    public void Text_without_a_password_is_unchanged(string line) => Assert.Equal(line, CredentialMask.Mask(line));
}
