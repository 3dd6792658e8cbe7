using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Platform.Gateway.Http;

/// <summary>
/// PostgreSQL text cannot hold a NUL character (SQLSTATE 22021) or text the database encoding lacks (22P05): an id,
/// filter or field with one is a 400 ProblemDetails, not a 500. Checking every string input for them would miss one.
/// </summary>
public sealed class InvalidTextExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter })
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var details = new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["$"] = ["A value contains a character that cannot be stored (such as NUL)."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };
        return await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
