using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Gateway.Http;

/// <summary>
/// Turns what minimal APIs reject before an endpoint runs (a body that is not JSON or has a wrong type, a query
/// parameter that does not parse, a body over the size limit) into a ProblemDetails 400 (413 for size) that names
/// the field, instead of a bare status code.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, message) = Describe(bad);
        context.Response.StatusCode = bad.StatusCode;
        var details = new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "One or more validation errors occurred.",
        };
        return await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    private static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return (JsonBody.Field(json.Path), "The value is not valid JSON of the expected type.");
        }

        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("$", bad.Message);
        }

        // "Failed to bind parameter "int limit" from "abc"." / "Required parameter "string id" was not provided from query string."
        var parameter = ParameterName().Match(bad.Message);
        return (parameter.Success ? parameter.Groups[1].Value : "$", bad.Message);
    }

    [GeneratedRegex("parameter \"[^\"]* ([A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();
}
