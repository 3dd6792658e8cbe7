using System.Net.Http.Json;
using System.Text.Json;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Testing;

namespace Platform.GatewayTests.Continuous;

/// <summary>edge.segments through the real silo into continuous_segments, and out through the spans API.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SegmentCatalogTests(KafkaFixture kafka, PostgresFixture postgres, S3Fixture s3) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly GatewayHost host = new GatewayHost(kafka, postgres, s3).With("Retention:Enabled", "false");

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        await new ClipStore(host).AddCameraAsync("cam-seg");
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_announced_segment_becomes_one_catalog_row_even_when_it_is_redelivered()
    {
        var segment = Segment(T0);
        await host.Silo.ProduceSegmentAsync(segment);
        await host.Silo.ProduceSegmentAsync(Segment(T0.AddSeconds(2)));
        var last = await host.Silo.ProduceSegmentAsync(segment); // a re-send after an agent crash
        await host.Silo.WaitUntilAppliedAsync(host.Silo.SegmentsTopic, last);

        Assert.Equal(2, await new ContinuousSegments(host).RowCountAsync("cam-seg"));
        using var client = host.ClientWithKey();
        var span = Assert.Single((await client.GetFromJsonAsync<JsonElement>(
            "/api/cameras/cam-seg/continuous/spans?from=2026-12-07T09:00:00Z&to=2026-12-07T11:00:00Z")).EnumerateArray());
        Assert.Equal((2, 2048L), (span.GetProperty("segments").GetInt32(), span.GetProperty("bytes").GetInt64()));
    }

    [Fact]
    public async Task A_segment_whose_key_does_not_match_is_dead_lettered_not_catalogued()
    {
        var offset = await host.Silo.ProduceSegmentAsync(Segment(T0) with { ObjectKey = "continuous/cam-seg/elsewhere.mkv" });
        await host.Silo.WaitUntilAppliedAsync(host.Silo.SegmentsTopic, offset);

        Assert.Equal(0, await new ContinuousSegments(host).RowCountAsync("cam-seg"));
    }

    private static ContinuousSegmentUploaded Segment(DateTimeOffset start) => new()
    {
        MessageId = ContinuousSegmentUploaded.MessageIdFor(CameraId.From("cam-seg"), start),
        OccurredAt = start.AddSeconds(2),
        CameraId = CameraId.From("cam-seg"),
        AgentId = "agent-1",
        ObjectKey = ContinuousObjectKeys.Key(CameraId.From("cam-seg"), start, start.AddSeconds(2)),
        Start = start,
        End = start.AddSeconds(2),
        Bytes = 1024,
    };
}
