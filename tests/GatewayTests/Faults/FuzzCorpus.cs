using System.Text;
using System.Text.Json.Nodes;

namespace Platform.GatewayTests.Faults;

/// <summary>
/// Requests generated from the OpenAPI document: every path and query parameter of every operation with each hostile
/// value, and every body field of every operation with a body with each hostile JSON value, plus bodies that are not
/// JSON or not of the right shape. New endpoints are covered as soon as they are in the document.
/// </summary>
internal static class FuzzCorpus
{
    /// <summary>Each parameter hostile in turn; the other path parameters name <paramref name="existing"/> resources.</summary>
    public static IEnumerable<FuzzRequest> Parameters(IEnumerable<OpenApiOperation> operations, Func<OpenApiOperation, string> existing)
    {
        foreach (var operation in operations)
        {
            foreach (var parameter in operation.Parameters.Where(p => p.In is "path" or "query"))
            {
                foreach (var value in HostileValues.Text)
                {
                    var body = operation.ExampleBody is { } example ? Encoding.UTF8.GetBytes(example.ToJsonString()) : null;
                    foreach (var escaped in parameter.In == "path" && value.Contains('/') ? [true, false] : new[] { true })
                    {
                        yield return new FuzzRequest(operation, $"{parameter.In} {parameter.Name}={HostileValues.Shorten(value)}{(escaped ? "" : " (raw)")}",
                            operation.Method, Url(operation, existing(operation), parameter.Name, value, escaped), body, body is null ? null : "application/json");
                    }
                }
            }
        }
    }

    /// <summary>Each top-level body field hostile in turn, then whole bodies that are wrong.</summary>
    public static IEnumerable<FuzzRequest> Bodies(IEnumerable<OpenApiOperation> operations, Func<OpenApiOperation, string> existing)
    {
        foreach (var operation in operations.Where(o => o.HasBody))
        {
            var url = Url(operation, existing(operation), null, null, true);
            var fields = operation.ExampleBody is JsonObject obj ? obj.Select(p => p.Key).ToList() : [];
            foreach (var field in fields.Append("unexpectedField"))
            {
                foreach (var (name, json) in HostileValues.Json())
                {
                    var body = (JsonObject)operation.ExampleBody!.DeepClone();
                    body[field] = null;
                    var text = body.ToJsonString().Replace($"\"{field}\":null", $"\"{field}\":{json}", StringComparison.Ordinal);
                    yield return new FuzzRequest(operation, $"body {field}={name}", operation.Method, url, Encoding.UTF8.GetBytes(text), "application/json");
                }
            }

            foreach (var (name, bytes, type) in WholeBodies(operation.ExampleBody!))
            {
                yield return new FuzzRequest(operation, $"body {name}", operation.Method, url, bytes, type);
            }
        }
    }

    /// <summary>The path with its parameters filled in (one of them <paramref name="value"/>), and the hostile query parameter if it is one.</summary>
    public static string Url(OpenApiOperation operation, string existingId, string? parameter, string? value, bool escape)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var p in operation.Parameters)
        {
            var v = p.Name == parameter ? value! : p.In == "path" ? existingId : null;
            if (p.In == "path")
            {
                path = path.Replace("{" + p.Name + "}", escape ? Uri.EscapeDataString(v!) : v, StringComparison.Ordinal);
            }
            else if (p.In == "query" && v is not null)
            {
                query.Add($"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(v)}");
            }
        }

        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private static IEnumerable<(string Name, byte[] Body, string? ContentType)> WholeBodies(JsonNode example)
    {
        var json = example.ToJsonString();
        yield return ("empty", [], "application/json");
        yield return ("not JSON", Encoding.UTF8.GetBytes("this is not json"), "application/json");
        yield return ("truncated JSON", Encoding.UTF8.GetBytes(json[..(json.Length / 2)]), "application/json");
        yield return ("JSON array", Encoding.UTF8.GetBytes($"[{json}]"), "application/json");
        yield return ("JSON number", "42"u8.ToArray(), "application/json");
        yield return ("JSON string", "\"fuzz\""u8.ToArray(), "application/json");
        yield return ("JSON null", "null"u8.ToArray(), "application/json");
        yield return ("invalid UTF-8", [.. Encoding.UTF8.GetBytes(json[..^1]), .. ",\"x\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}"u8.ToArray()], "application/json");
        yield return ("duplicate keys", Encoding.UTF8.GetBytes(json.Length > 2 ? json[..^1] + "," + json[1..] : json), "application/json");
        yield return ("nested 10000", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)), "application/json");
        yield return ("nested objects 1000", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1_000)) + "1" + new string('}', 1_000)), "application/json");
        yield return ("form-encoded", "id=x&name=y"u8.ToArray(), "application/x-www-form-urlencoded");
        yield return ("text/plain JSON", Encoding.UTF8.GetBytes(json), "text/plain");
        yield return ("XML", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"u8.ToArray(), "application/xml");
        yield return ("no content type", Encoding.UTF8.GetBytes(json), null);
    }
}
