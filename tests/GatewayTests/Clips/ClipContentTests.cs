using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Platform.Gateway.Security;
using Platform.Testing;

namespace Platform.GatewayTests.Clips;

/// <summary>Serving clip bytes: presigned redirects against the real S3 server, proxied ranges, and refusing anything but the catalog's own keys.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ClipContentTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private readonly GatewayHost host = new(kafka, postgres, s3);
    private ClipStore store = null!;

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        store = new ClipStore(host);
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Content_redirects_to_a_presigned_url_that_downloads_the_exact_clip()
    {
        var clip = await store.UploadAsync(new TestClip("clip-redirect", "cam-1", TestClip.Noon), await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        using var admin = host.ClientWithKey();

        var redirect = await admin.GetAsync($"/api/clips/{clip.Id}/content");
        var thumbnailRedirect = await admin.GetAsync($"/api/clips/{clip.Id}/thumbnail");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.True(location.IsAbsoluteUri);
        Assert.Contains("X-Amz-Signature=", location.Query, StringComparison.Ordinal);
        Assert.Contains("no-store", redirect.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var plain = new HttpClient();
        var download = await plain.GetAsync(location);
        download.EnsureSuccessStatusCode();
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(clip.SizeBytes, bytes.Length);
        Assert.Equal(clip.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal("video/mp4", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, thumbnailRedirect.StatusCode);
        Assert.Equal(await SampleMedia.JpegAsync(), await plain.GetByteArrayAsync(thumbnailRedirect.Headers.Location));
    }

    [Fact]
    public async Task A_download_is_an_attachment_and_a_share_link_works_without_the_gateway_until_it_expires()
    {
        var clip = await store.UploadAsync(new TestClip("clip-share", "cam-1", TestClip.Noon), await SampleMedia.Mp4Async(), await SampleMedia.JpegAsync());
        using var admin = host.ClientWithKey();
        using var viewer = await host.ClientWithRoleAsync("viewer");
        (await admin.PostAsJsonAsync("/api/sites", new { id = "elsewhere", name = "Elsewhere" })).EnsureSuccessStatusCode();
        using var otherSite = await host.ClientWithRoleAsync("viewer", "elsewhere");

        var download = await admin.GetAsync($"/api/clips/{clip.Id}/content?download=true");
        var proxiedDownload = await admin.GetAsync($"/api/clips/{clip.Id}/content?download=true&proxy=true");
        var before = DateTimeOffset.UtcNow;
        var share = await viewer.GetAsync($"/api/clips/{clip.Id}/share-link");
        var link = await share.Content.ReadFromJsonAsync<JsonElement>();
        var foreign = await otherSite.GetAsync($"/api/clips/{clip.Id}/share-link");
        var missing = await viewer.GetAsync("/api/clips/clip-ghost/share-link");

        using var plain = new HttpClient();
        var saved = await plain.GetAsync(download.Headers.Location);
        Assert.Equal("attachment", saved.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("clip-share.mp4", saved.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("attachment", proxiedDownload.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
        Assert.Contains("no-store", share.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var shared = await plain.GetAsync(link.GetProperty("url").GetString());
        Assert.Equal(clip.SizeBytes, (await shared.Content.ReadAsByteArrayAsync()).Length);
        Assert.Null(shared.Content.Headers.ContentDisposition);
        // S3:PresignedUrlLifetime is 5 minutes unless configured.
        var expires = link.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires, before.AddMinutes(5).AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(5));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_proxied_range_request_returns_exactly_those_bytes()
    {
        var video = await SampleMedia.Mp4Async();
        var clip = await store.UploadAsync(new TestClip("clip-range", "cam-1", TestClip.Noon), video, await SampleMedia.JpegAsync());
        using var admin = host.ClientWithKey();

        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/clips/{clip.Id}/content?proxy=true") { Headers = { Range = new RangeHeaderValue(100, 199) } };
        var partial = await admin.SendAsync(rangeRequest);
        using var suffixRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/clips/{clip.Id}/content?proxy=true") { Headers = { Range = new RangeHeaderValue(null, 50) } };
        var suffix = await admin.SendAsync(suffixRequest);
        using var pastEnd = new HttpRequestMessage(HttpMethod.Get, $"/api/clips/{clip.Id}/content?proxy=true") { Headers = { Range = new RangeHeaderValue(video.Length, null) } };
        var unsatisfiable = await admin.SendAsync(pastEnd);
        var whole = await admin.GetAsync($"/api/clips/{clip.Id}/content?proxy=true");
        var thumbnail = await admin.GetAsync($"/api/clips/{clip.Id}/thumbnail?proxy=true");

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(video[100..200], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 100-199/{video.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal("video/mp4", partial.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["bytes"], partial.Headers.AcceptRanges);
        Assert.NotNull(partial.Headers.ETag);
        Assert.Equal(video[^50..], await suffix.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal($"bytes */{video.Length}", unsatisfiable.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(video, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await SampleMedia.JpegAsync(), await thumbnail.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_matroska_clip_is_served_as_matroska_and_a_clip_without_thumbnail_has_none()
    {
        var clip = await store.UploadAsync(new TestClip("clip-mkv", "cam-1", TestClip.Noon) { Container = "mkv", ObjectKey = TestClip.KeyOf("cam-1", "clip-mkv", TestClip.Noon, "mkv") },
            Encoding.ASCII.GetBytes("not really matroska, but bytes"));
        using var admin = host.ClientWithKey();

        var content = await admin.GetAsync($"/api/clips/{clip.Id}/content?proxy=true");
        var metadata = await admin.GetFromJsonAsync<JsonElement>($"/api/clips/{clip.Id}");

        Assert.Equal("video/x-matroska", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Null, metadata.GetProperty("thumbnailUrl").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/clips/{clip.Id}/thumbnail")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/clips/{clip.Id}/thumbnail?proxy=true")).StatusCode);
    }

    [Theory]
    [InlineData("..%2Fsecret.txt")]
    [InlineData("..%2F..%2Fsecret.txt")]
    [InlineData("%2e%2e%2fsecret.txt")]
    [InlineData("%2E%2E%2F%2E%2E%2Fsecret.txt")]
    [InlineData("..%5Csecret.txt")]
    [InlineData("clips%2Fcam-1%2Fclip-a")]
    public async Task Ids_that_are_not_clip_ids_are_refused_naming_the_id(string rawId)
    {
        await store.PutAsync("secret.txt", Encoding.ASCII.GetBytes("top secret"), "text/plain");
        using var admin = host.ClientWithKey();

        foreach (var path in new[] { $"/api/clips/{rawId}", $"/api/clips/{rawId}/content", $"/api/clips/{rawId}/content?proxy=true", $"/api/clips/{rawId}/thumbnail?proxy=true" })
        {
            var response = await admin.GetAsync(path);
            Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{path}: {response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _), $"{path}: {problem}");
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync($"/api/clips/{rawId}")).StatusCode);
    }

    [Fact]
    public async Task A_literal_dot_dot_segment_never_reaches_an_object()
    {
        await store.PutAsync("secret.txt", Encoding.ASCII.GetBytes("top secret"), "text/plain");

        foreach (var (path, query) in new[] { ("/api/clips/../content", "?proxy=true"), ("/api/clips/../secret.txt/content", "?proxy=true"), ("/api/clips/..", "") })
        {
            // HttpClient would remove the dot segments before sending; a raw client (curl --path-as-is) does not.
            var context = await host.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Get;
                c.Request.Path = path;
                c.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
                c.Request.Headers[ApiKeyAuthenticationHandler.Header] = host.AdminKey;
            });
            Assert.True(context.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status404NotFound, $"{path}: {context.Response.StatusCode}");
            Assert.DoesNotContain("top secret", await new StreamReader(context.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rows_whose_keys_leave_the_camera_prefix_are_not_served()
    {
        await store.PutAsync("secret.txt", Encoding.ASCII.GetBytes("top secret"), "text/plain");
        await store.PutAsync("clips/cam-2/2026/03/04/theirs.mp4", Encoding.ASCII.GetBytes("camera 2's clip"), "video/mp4");
        await store.InsertAsync(new TestClip("clip-dotdot", "cam-1", TestClip.Noon) { ObjectKey = "clips/cam-1/../../secret.txt" });
        await store.InsertAsync(new TestClip("clip-root", "cam-1", TestClip.Noon) { ObjectKey = "secret.txt" });
        await store.InsertAsync(new TestClip("clip-other-camera", "cam-1", TestClip.Noon) { ObjectKey = "clips/cam-2/2026/03/04/theirs.mp4" });
        await store.InsertAsync(new TestClip("clip-thumb", "cam-1", TestClip.Noon) { ThumbnailKey = "secret.txt" });
        using var admin = host.ClientWithKey();

        foreach (var id in new[] { "clip-dotdot", "clip-root", "clip-other-camera", "clip-thumb" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/clips/{id}/content")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/clips/{id}/content?proxy=true")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/clips/{id}/thumbnail?proxy=true")).StatusCode);
        }
    }

    [Fact]
    public async Task A_row_pointing_at_a_foreign_bucket_is_not_served_and_its_object_is_never_deleted()
    {
        var foreign = $"foreign-{Guid.NewGuid():N}";
        using (var s3Client = host.CreateS3Client())
        {
            await s3Client.CreateBucketAsync(foreign);
        }

        var clip = new TestClip("clip-foreign", "cam-1", TestClip.Noon) { Bucket = foreign };
        await store.PutAsync(clip.ObjectKey, Encoding.ASCII.GetBytes("someone else's"), "video/mp4", foreign);
        await store.InsertAsync(clip);
        using var admin = host.ClientWithKey();

        var redirect = await admin.GetAsync($"/api/clips/{clip.Id}/content");
        var proxied = await admin.GetAsync($"/api/clips/{clip.Id}/content?proxy=true");
        var deleted = await admin.DeleteAsync($"/api/clips/{clip.Id}");

        Assert.Equal(HttpStatusCode.NotFound, redirect.StatusCode);
        Assert.Null(redirect.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, proxied.StatusCode);
        // The catalog row is the gateway's to drop; the object in the other bucket is not its to delete.
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(await store.RowExistsAsync(clip.Id));
        Assert.True(await store.ObjectExistsAsync(clip.ObjectKey, foreign));
    }
}
