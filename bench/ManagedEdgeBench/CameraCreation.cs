using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Platform.ManagedEdgeBench;

/// <summary>One camera created through the API, timed until the agent records it and its first segment is in the catalog.</summary>
/// <param name="FirstSegmentClosed">POST to the end of the first segment the agent kept (its wall-clock end, as catalogued).</param>
/// <param name="Recording">POST to the camera's edge state saying recording (a heartbeat reporting it connected).</param>
/// <param name="Catalogued">POST to the first segment listed by the spans API (uploaded to S3, announced, catalogued, served).</param>
internal sealed record CameraCreation(string CameraId, TimeSpan FirstSegmentClosed, TimeSpan Recording, TimeSpan Catalogued)
{
    public static async Task<CameraCreation> MeasureAsync(HttpClient api, NpgsqlDataSource catalog, string cameraId, Uri source, string agentId,
        string siteId, double segmentSeconds, CancellationToken cancellationToken)
    {
        var posted = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using (var response = await api.PostAsJsonAsync("/api/cameras", new
        {
            id = cameraId, siteId, name = cameraId, agentId, sourceUrl = source.AbsoluteUri, continuous = true, segmentSeconds,
            cacheSeconds = 20,
        }, cancellationToken))
        {
            response.EnsureSuccessStatusCode();
        }

        TimeSpan? recording = null;
        var from = Uri.EscapeDataString(posted.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture));
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (recording is null)
            {
                var state = await api.GetFromJsonAsync<JsonElement>($"/api/cameras/{cameraId}/edge", cancellationToken);
                recording = state.GetProperty("state").GetString() == "recording" ? clock.Elapsed : null;
            }

            var spans = await api.GetFromJsonAsync<JsonElement>($"/api/cameras/{cameraId}/continuous/spans?from={from}", cancellationToken);
            if (spans.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } span)
            {
                var catalogued = clock.Elapsed;
                return new CameraCreation(cameraId, await FirstSegmentEndAsync(catalog, cameraId, cancellationToken) - posted, recording ?? catalogued, catalogued);
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"camera {cameraId}: no segment catalogued 90 s after it was created");
    }

    /// <summary>The spans API merges segments; the catalog row has the first one's own end.</summary>
    private static async Task<DateTimeOffset> FirstSegmentEndAsync(NpgsqlDataSource catalog, string cameraId, CancellationToken cancellationToken)
    {
        await using var command = catalog.CreateCommand("SELECT min(end_at) FROM continuous_segments WHERE camera_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = cameraId });
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(cancellationToken))!, TimeSpan.Zero);
    }
}
