using Platform.Gateway.Api.Clips;
using Platform.Gateway.Http;

namespace Platform.GatewayTests.Clips;

public sealed class ClipObjectGuardTests
{
    [Fact]
    public void A_row_under_its_camera_prefix_in_the_configured_bucket_is_served()
    {
        Assert.Null(ClipObjectGuard.Refusal(Row("clips/cam-1/2026/03/04/clip-1.mp4", "clips/cam-1/2026/03/04/clip-1.jpg"), "clips"));
    }

    [Theory]
    [InlineData("clips", "clips/cam-1/../cam-2/2026/03/04/clip-1.mp4")]
    [InlineData("clips", "clips/cam-1/2026/03/04/..")]
    [InlineData("clips", "clips/cam-2/2026/03/04/clip-1.mp4")]
    [InlineData("clips", "clips/cam-10/x.mp4")]
    [InlineData("clips", "secret.txt")]
    [InlineData("clips", "clips/cam-1/")]
    [InlineData("clips", "clips/cam-1//etc/passwd")]
    [InlineData("clips", "clips/cam-1/a\\..\\b.mp4")]
    [InlineData("clips", "clips/cam-1/a\0.mp4")]
    [InlineData("other-bucket", "clips/cam-1/2026/03/04/clip-1.mp4")]
    public void Rows_pointing_outside_the_camera_prefix_or_bucket_are_refused(string bucket, string key)
    {
        Assert.NotNull(ClipObjectGuard.Refusal(Row(key, null, bucket), "clips"));
    }

    [Fact]
    public void A_thumbnail_outside_the_camera_prefix_is_refused_too()
    {
        Assert.NotNull(ClipObjectGuard.Refusal(Row("clips/cam-1/2026/03/04/clip-1.mp4", "clips/cam-2/x.jpg"), "clips"));
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("..")]
    [InlineData("clips/cam-1/clip-a")]
    [InlineData("..\\secret")]
    [InlineData("clip\0x")]
    [InlineData("%2e%2e%2fsecret")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void Clip_ids_that_could_steer_a_path_are_not_ids(string id)
    {
        Assert.False(ResourceId.IsValid(id));
    }

    private static ClipLocation Row(string key, string? thumbnail, string bucket = "clips") => new("clip-1", "cam-1", bucket, key, thumbnail);
}
