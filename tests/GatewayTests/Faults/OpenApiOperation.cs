using System.Text.Json.Nodes;

namespace Platform.GatewayTests.Faults;

/// <summary>
/// One operation of the OpenAPI document: method, path template, parameters, an example JSON body built from its schema
/// (null: no body), its summary, and the security schemes its requirements name.
/// </summary>
internal sealed record OpenApiOperation(
    string Method, string Path, IReadOnlyList<OpenApiParameter> Parameters, JsonNode? ExampleBody, string? Summary, IReadOnlyList<string> SecuritySchemes)
{
    public bool HasBody => ExampleBody is not null;

    /// <summary>The resource family an {id} in the path names: "sites", "cameras", … ("/api/sensors/{id}/metrics/traffic" → "sensors").</summary>
    public string Family => Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var family, ..] ? family : "";

    public override string ToString() => $"{Method} {Path}";
}
