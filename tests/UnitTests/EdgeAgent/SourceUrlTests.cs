using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Video;

namespace Platform.UnitTests.EdgeAgent;

public sealed class SourceUrlTests
{
    [Fact]
    public void Credentials_go_into_the_userinfo_percent_encoded() =>
        Assert.Equal("rtsp://alice:s3cr%3At%40x%2F@127.0.0.1:8554/cam",
            SourceUrl.For(new CameraOptions { Source = "rtsp://127.0.0.1:8554/cam", Username = "alice", Password = "s3cr:t@x/" }));

    [Fact]
    public void A_source_without_credentials_is_unchanged() =>
        Assert.Equal("rtsp://127.0.0.1/cam", SourceUrl.For(new CameraOptions { Source = "rtsp://127.0.0.1/cam" }));

    [Fact]
    public void Configured_credentials_replace_a_user_already_in_the_source() =>
        Assert.Equal("rtsp://bob:pw@h/cam", SourceUrl.For(new CameraOptions { Source = "rtsp://old@h/cam", Username = "bob", Password = "pw" }));
}
