using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.Http;

/// <summary>
/// Reads a body with the contracts' own JSON context (rules are polymorphic: a missing or unknown "type" is a
/// NotSupportedException, not a JsonException, and must still be a 400 naming the field, not a 500).
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Invalid("$", "The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
            return value is null ? (null, Problems.Invalid("$", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid(Field(e.Path), $"Not valid here: {FirstSentence(e.Message)}"));
        }
        catch (NotSupportedException e)
        {
            // Abstract types without a (known) "type" discriminator, e.g. a condition with no "type".
            return (null, Problems.Invalid(Field((e.InnerException as JsonException)?.Path ?? PathOf(e.Message)), "A known \"type\" is required for this object."));
        }
    }

    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>System.Text.Json puts "Path: $.x | LineNumber…" into NotSupportedException messages.</summary>
    private static string? PathOf(string message)
    {
        var start = message.IndexOf("Path: ", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = message.IndexOf(' ', start + 6);
        return end < 0 ? message[(start + 6)..] : message[(start + 6)..end];
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];
}
