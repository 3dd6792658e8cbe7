using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Gateway.Api.Cameras;
using Platform.Gateway.Http;

namespace Platform.Gateway.Api.Continuous;

/// <summary>/api/cameras/{id}/continuous: what continuous recording holds (spans) and one MP4 of a range (export).</summary>
public static class ContinuousEndpoints
{
    public static void MapContinuousEndpoints(this RouteGroupBuilder api)
    {
        var continuous = api.MapGroup("/cameras/{id}/continuous").WithTags("Continuous recording");
        continuous.MapGet("/spans", SpansAsync)
            .WithSummary("Stretches of continuous recording without gaps (segments at most ~1 s apart merge), oldest first.")
            .WithDescription("`from` and `to` are ISO-8601 and optional: `to` defaults to now, `from` to 24 h before `to`; "
                + "to must be after from and at most 7 days after it (Continuous:MaxSpanRange). A span overlapping the range is listed whole.");
        continuous.MapGet("/export", ExportAsync)
            .WithSummary("One MP4 of the range, joined from the recorded segments on demand; Range requests answer 206.")
            .WithDescription("`from` and `to` are required, at most 1 h apart (Continuous:MaxExportLength). The export is cut on whole segments: "
                + "it starts at the segment holding `from` and ends with the one holding `to` (stream copy cuts only on keyframes), "
                + "so it may begin and end up to a segment (about 2 s) outside the range; X-Export-Start and X-Export-End say where. "
                + "Gaps in the recording are skipped. 404: the camera is unknown or nothing was recorded in the range.");
    }

    private static async Task<Results<Ok<IReadOnlyList<ContinuousSpan>>, ValidationProblem, NotFound>> SpansAsync(
        NpgsqlDataSource db, IOptions<ContinuousOptions> options, TimeProvider clock, ClaimsPrincipal user, string id,
        string? from, string? to, CancellationToken cancellationToken)
    {
        // The camera first: another site's camera is not found, whatever the query says.
        if (await CameraEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var settings = options.Value;
        var errors = new FieldErrors();
        var range = TimeRange.Parse(from, to, end => end - settings.DefaultSpanRange, clock.GetUtcNow(), settings.MaxSpanRange, errors);
        if (range is not { } r)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var segments = await ContinuousCatalog.OverlappingAsync(db, id, r, cancellationToken);
        return TypedResults.Ok(SpanMerger.Merge(segments, settings.MaxGap));
    }

    private static async Task<Results<PhysicalFileHttpResult, ValidationProblem, NotFound, ProblemHttpResult>> ExportAsync(
        NpgsqlDataSource db, IOptions<ContinuousOptions> options, ExportCache cache, ContinuousExporter exporter, HttpResponse response,
        ClaimsPrincipal user, string id, string? from, string? to, CancellationToken cancellationToken)
    {
        if (await CameraEndpoints.FindAsync(db, user, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new FieldErrors();
        var range = TimeRange.Parse(from, to, null, null, options.Value.MaxExportLength, errors);
        if (range is not { } r)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var segments = await ContinuousCatalog.OverlappingAsync(db, id, r, cancellationToken);
        if (segments.Count == 0)
        {
            return TypedResults.Problem($"Camera '{id}' has no continuous recording between {Wire(r.From)} and {Wire(r.To)}.",
                statusCode: StatusCodes.Status404NotFound, title: "Nothing recorded");
        }

        var path = await cache.GetAsync(id, segments, (output, ct) => exporter.BuildAsync(segments, output, ct), cancellationToken);
        response.Headers["X-Export-Start"] = Wire(segments[0].Start);
        response.Headers["X-Export-End"] = Wire(segments[^1].End);
        response.Headers.CacheControl = "private";
        var name = string.Create(CultureInfo.InvariantCulture, $"{id}-{segments[0].Start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.mp4");
        return TypedResults.PhysicalFile(path, "video/mp4", name, enableRangeProcessing: true);
    }

    private static string Wire(DateTimeOffset time) => Grains.Interfaces.Json.UtcMillisecondsJsonConverter.ToWire(time);
}
