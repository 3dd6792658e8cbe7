using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Api.Clips;

/// <summary>
/// Streams a clip object (or its thumbnail) through the gateway, for clients that cannot reach the object store
/// directly: 200 with the whole object, 206 with the one range asked for, 416 when that range is outside it. Only
/// the bytes sent are read from S3 (a ranged GET), so seeking in a long clip does not pull the whole file through.
/// </summary>
/// <param name="downloadName">When set, the response is an attachment of that name (the browser saves it instead of showing it).</param>
public sealed class ClipStreamResult(IClipObjects objects, string key, string contentType, string? downloadName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cancellationToken = httpContext.RequestAborted;
        var response = httpContext.Response;
        var info = await objects.InfoAsync(key, cancellationToken);
        if (info is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        response.Headers.AcceptRanges = "bytes";
        // Authorized content: a shared cache must not hand it to another caller.
        response.Headers.CacheControl = "private";
        if (info.ETag is { Length: > 0 } etag)
        {
            response.Headers.ETag = etag;
        }

        if (info.LastModified is { } modified)
        {
            response.Headers.LastModified = HeaderUtilities.FormatDate(modified);
        }

        var request = httpContext.Request.Headers;
        var range = RequestedRange.Resolve(request.Range, request.IfRange, info.ETag, info.Length);
        if (range.Kind == RequestedRangeKind.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{info.Length}";
            return;
        }

        response.StatusCode = range.Kind == RequestedRangeKind.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        if (range.Kind == RequestedRangeKind.Partial)
        {
            response.Headers.ContentRange = $"bytes {range.From}-{range.To}/{info.Length}";
        }

        response.ContentType = contentType;
        if (downloadName is not null)
        {
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = downloadName }.ToString();
        }

        response.ContentLength = range.Length;
        if (range.Length == 0)
        {
            return;
        }

        await objects.CopyRangeAsync(key, range.From, range.To, response.Body, cancellationToken);
    }
}
