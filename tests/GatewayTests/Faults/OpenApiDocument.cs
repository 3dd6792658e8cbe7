using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.GatewayTests.Faults;

/// <summary>Reads the operations of an OpenAPI 3.x document, resolving schema references to build example bodies.</summary>
internal static class OpenApiDocument
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    public static IReadOnlyList<OpenApiOperation> Operations(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var parameters = Parameters(path.Value).Concat(Parameters(method.Value)).DistinctBy(p => (p.Name, p.In)).ToList();
                JsonNode? body = null;
                if (method.Value.TryGetProperty("requestBody", out var requestBody) && requestBody.TryGetProperty("content", out var content))
                {
                    var media = content.EnumerateObject().FirstOrDefault(c => c.Name.Contains("json", StringComparison.Ordinal));
                    body = media.Value.ValueKind == JsonValueKind.Object && media.Value.TryGetProperty("schema", out var schema)
                        ? Example(schema, schemas, 0) ?? new JsonObject()
                        : new JsonObject();
                }

                var summary = method.Value.TryGetProperty("summary", out var text) ? text.GetString() : null;
                operations.Add(new OpenApiOperation(method.Name.ToUpperInvariant(), path.Name, parameters, body, summary, SecuritySchemes(method.Value)));
            }
        }

        return operations;
    }

    /// <summary>The schemes named by an operation's security requirements (any one of them suffices).</summary>
    private static IReadOnlyList<string> SecuritySchemes(JsonElement operation) =>
        operation.TryGetProperty("security", out var requirements)
            ? [.. requirements.EnumerateArray().SelectMany(r => r.EnumerateObject()).Select(s => s.Name).Distinct()]
            : [];

    private static IEnumerable<OpenApiParameter> Parameters(JsonElement owner)
    {
        if (!owner.TryGetProperty("parameters", out var list))
        {
            yield break;
        }

        foreach (var p in list.EnumerateArray())
        {
            var type = p.TryGetProperty("schema", out var schema) ? TypeOf(schema) : null;
            yield return new OpenApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, type,
                p.TryGetProperty("required", out var required) && required.GetBoolean());
        }
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    /// <summary>A plausible value for a schema: enough for a request to get past the JSON binder to the handler's own checks.</summary>
    private static JsonNode? Example(JsonElement schema, JsonElement schemas, int depth)
    {
        if (depth > 5)
        {
            return null;
        }

        if (schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object
            && schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out var target))
        {
            return Example(target, schemas, depth + 1);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options) && options.GetArrayLength() > 0)
            {
                return Example(options.EnumerateArray().First(o => !(o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")), schemas, depth + 1);
            }
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        return TypeOf(schema) switch
        {
            "object" or null when schema.TryGetProperty("properties", out var properties) => Object(properties, schemas, depth),
            "array" => schema.TryGetProperty("items", out var items) && Example(items, schemas, depth + 1) is { } item ? new JsonArray(item) : new JsonArray(),
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            "string" => schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" ? "2026-03-04T12:00:00Z" : "fuzz",
            _ => null,
        };
    }

    private static JsonObject Object(JsonElement properties, JsonElement schemas, int depth)
    {
        var result = new JsonObject();
        foreach (var property in properties.EnumerateObject())
        {
            result[property.Name] = Example(property.Value, schemas, depth + 1);
        }

        return result;
    }
}
