using System.Net;

namespace Platform.GatewayTests.Faults;

/// <summary>What one fuzz request got back.</summary>
internal sealed record FuzzResult(FuzzRequest Request, HttpStatusCode Status, string? MediaType, TimeSpan Elapsed, string Snippet)
{
    public int Code => (int)Status;

    public override string ToString() => $"{Code} in {Elapsed.TotalMilliseconds:F0} ms: {Request} {(Snippet.Length > 200 ? Snippet[..200] : Snippet)}";
}
