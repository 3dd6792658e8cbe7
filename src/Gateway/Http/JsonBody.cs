using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.Http;

/// <summary>
/// Reads a body with the contracts' own JSON context. A body that does not fit gets a 400 naming every field that
/// is wrong in plain words (<see cref="JsonFieldProblems"/>); rules are polymorphic, so a missing or unknown "type"
/// (a NotSupportedException, not a JsonException) is one of those fields too, not a 500.
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

        // Bodies are small (RequestSizeLimit): kept in memory so that a body that does not fit the contract can be
        // read a second time, field by field, to name every field that is wrong instead of the first.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            var value = JsonSerializer.Deserialize(bytes.Span, type);
            return value is null ? (null, Problems.Invalid("$", "The body must be a JSON object.")) : (value, null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return (null, Describe(bytes, type, e));
        }
    }

    private static ValidationProblem Describe<T>(ReadOnlyMemory<byte> bytes, JsonTypeInfo<T> type, Exception error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return Problems.Invalid(Field(e.Path), $"Not valid JSON: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            var problems = JsonFieldProblems.Find(document.RootElement, type);
            if (problems.Count > 0)
            {
                return Problems.Invalid(problems);
            }
        }

        // What the walk cannot see (a converter refusing a whole object, say): the serializer's own words.
        return error is JsonException json
            ? Problems.Invalid(Field(json.Path), $"Not valid here: {FirstSentence(json.Message)}")
            : Problems.Invalid(Field((error.InnerException as JsonException)?.Path ?? PathOf(error.Message)), "A known \"type\" is required for this object.");
    }

    /// <summary>"$.actions[0].preRoll" → "actions[0].preRoll", the path clients and the rule validator use.</summary>
    internal static string Field(string? path) =>
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
