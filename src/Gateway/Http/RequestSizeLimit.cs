using Microsoft.AspNetCore.Http.Features;
using Platform.Gateway.Configuration;

namespace Platform.Gateway.Http;

/// <summary>
/// Refuses a body over the limit with a ProblemDetails 413 before anything reads it: by its declared length at
/// once, and for chunked bodies through the server's body-size feature (reading past the limit then fails with
/// a BadHttpRequestException that <see cref="BadRequestExceptionHandler"/> reports).
/// </summary>
public static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, GatewayLimits limits) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > limits.MaxRequestBodyBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large.",
                        Detail = $"At most {limits.MaxRequestBodyBytes} bytes.",
                    },
                });
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            }

            await next(context);
        });
}
