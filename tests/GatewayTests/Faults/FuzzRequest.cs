namespace Platform.GatewayTests.Faults;

/// <summary>One generated request: what it targets and how it is hostile, the path and query, and an optional body.</summary>
internal sealed record FuzzRequest(OpenApiOperation Operation, string Hostility, string Method, string Url, byte[]? Body, string? ContentType)
{
    public override string ToString() => $"{Method} {(Url.Length > 120 ? Url[..120] + "…" : Url)} [{Hostility}]";
}
