using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Gateway.Api.Clips;
using Platform.Gateway.Api.Continuous;
using Platform.Gateway.Retention;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Testing;

namespace Platform.GatewayTests.Continuous;

/// <summary>/api/cameras/{id}/continuous against real PostgreSQL, S3 and ffmpeg, and continuous retention.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ContinuousApiTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3).With("Retention:Enabled", "false");
    private ContinuousSegments segments = null!;

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        segments = new ContinuousSegments(host);
        var store = new ClipStore(host);
        await store.AddCameraAsync("cam-east", "east");
        await store.AddCameraAsync("cam-west", "west");
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Spans_merge_neighbouring_segments_and_split_at_gaps()
    {
        await segments.AddAsync("cam-east", T0, 4);
        await segments.AddAsync("cam-east", T0.AddSeconds(60), 2);
        using var client = host.ClientWithKey();

        var spans = await client.GetFromJsonAsync<JsonElement>($"/api/cameras/cam-east/continuous/spans?from={Iso(T0.AddMinutes(-5))}&to={Iso(T0.AddMinutes(5))}");

        Assert.Equal(
            [(T0, T0.AddSeconds(8), 4), (T0.AddSeconds(60), T0.AddSeconds(64), 2)],
            spans.EnumerateArray().Select(s => (s.GetProperty("start").GetDateTimeOffset(), s.GetProperty("end").GetDateTimeOffset(), s.GetProperty("segments").GetInt32())));
    }

    [Fact]
    public async Task An_export_joins_whole_segments_into_a_playable_mp4_served_by_range()
    {
        await segments.AddAsync("cam-east", T0, 5);
        using var client = host.ClientWithKey();
        var url = $"/api/cameras/cam-east/continuous/export?from={Iso(T0.AddSeconds(1))}&to={Iso(T0.AddSeconds(7))}";

        using var whole = await client.GetAsync(url);
        var body = await whole.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("video/mp4", whole.Content.Headers.ContentType?.MediaType);
        // Rounded out to whole segments: 0-2 s holds the start, 6-8 s the end.
        Assert.Equal(Iso(T0, millis: true), whole.Headers.GetValues("X-Export-Start").Single());
        Assert.Equal(Iso(T0.AddSeconds(8), millis: true), whole.Headers.GetValues("X-Export-End").Single());
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(file, body);
        try
        {
            var duration = double.Parse((await MediaProbe.RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file],
                TimeSpan.FromSeconds(30))).Trim(), CultureInfo.InvariantCulture);
            Assert.InRange(duration, 7.5, 8.5);
            // Decodable end to end: every frame decodes without an error.
            var errors = await MediaProbe.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", file, "-f", "null", "-"], TimeSpan.FromSeconds(30));
            Assert.Equal("", errors.Trim());
        }
        finally
        {
            File.Delete(file);
        }

        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(100, 1099) } };
        using var partial = await client.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 100-1099/{body.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(body[100..1100], await partial.Content.ReadAsByteArrayAsync());
        // Served from the export cache, not rebuilt.
        Assert.Equal(1, host.Services.GetRequiredService<ExportCache>().Count);
    }

    [Theory]
    [InlineData("export?to=2026-12-07T10:00:00Z", "from")]
    [InlineData("export?from=2026-12-07T10:00:00Z", "to")]
    [InlineData("export?from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z", "to")]
    [InlineData("export?from=2026-12-07T08:00:00Z&to=2026-12-07T10:00:00Z", "to")]
    [InlineData("spans?from=noon&to=2026-12-07T10:00:00Z", "from")]
    [InlineData("spans?from=2026-11-01T00:00:00Z&to=2026-12-07T10:00:00Z", "to")]
    public async Task A_bad_range_is_a_400_naming_the_field(string query, string field)
    {
        using var client = host.ClientWithKey();

        using var response = await client.GetAsync($"/api/cameras/cam-east/continuous/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Another_sites_camera_and_an_empty_range_are_404()
    {
        await segments.AddAsync("cam-west", T0, 2);
        using var east = await host.ClientWithRoleAsync("operator", "east");
        var range = $"from={Iso(T0)}&to={Iso(T0.AddSeconds(4))}";

        Assert.Equal(HttpStatusCode.NotFound, (await east.GetAsync($"/api/cameras/cam-west/continuous/spans?{range}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await east.GetAsync($"/api/cameras/cam-west/continuous/export?{range}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await east.GetAsync($"/api/cameras/cam-east/continuous/export?{range}")).StatusCode);
    }

    [Fact]
    public async Task Retention_deletes_segments_older_than_the_cameras_days_objects_and_rows()
    {
        var now = T0.AddDays(10);
        await using (var command = host.Database.CreateCommand("UPDATE cameras SET continuous_retention_days = 3 WHERE id = 'cam-east'"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await segments.AddAsync("cam-east", T0, 2);                 // 10 days old: goes
        await segments.AddAsync("cam-east", now.AddDays(-1), 2);     // 1 day old: stays
        await segments.AddAsync("cam-west", T0, 1);                  // default 7 days: goes
        var pass = new ContinuousRetentionPass(host.Database, host.Services.GetRequiredService<IClipObjects>(),
            Options.Create(new ContinuousOptions()), new FakeTimeProvider(now), NullLogger<ContinuousRetentionPass>.Instance);

        var report = await pass.RunAsync(CancellationToken.None);

        Assert.Equal(3, report.Segments);
        Assert.Equal(2, await segments.RowCountAsync("cam-east"));
        Assert.Equal(0, await segments.RowCountAsync("cam-west"));
        var store = new ClipStore(host);
        Assert.False(await store.ObjectExistsAsync(ContinuousObjectKeys.Key(CameraId.From("cam-east"), T0, T0.AddSeconds(2))));
        Assert.True(await store.ObjectExistsAsync(ContinuousObjectKeys.Key(CameraId.From("cam-east"), now.AddDays(-1), now.AddDays(-1).AddSeconds(2))));
        Assert.Equal(0, (await pass.RunAsync(CancellationToken.None)).Segments);
    }

    private static string Iso(DateTimeOffset time, bool millis = false) =>
        time.UtcDateTime.ToString(millis ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
