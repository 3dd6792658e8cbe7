using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace Platform.GatewayTests.Faults;

/// <summary>Sends fuzz requests with given credentials and keeps every result; summarizes statuses and the worst offenders.</summary>
internal sealed class FuzzClient(HttpClient client)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly List<FuzzResult> results = [];

    public IReadOnlyList<FuzzResult> Results => results;

    public async Task<FuzzResult> SendAsync(FuzzRequest fuzz, Action<HttpRequestHeaders>? credentials = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Url);
        credentials?.Invoke(request.Headers);
        if (fuzz.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = fuzz.ContentType is null ? null : MediaTypeHeaderValue.Parse(fuzz.ContentType);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        var clock = Stopwatch.StartNew();
        FuzzResult result;
        try
        {
            // Headers only: a server-sent event stream answers 200 and then never ends.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var media = response.Content.Headers.ContentType?.MediaType;
            var snippet = (int)response.StatusCode >= 400 ? await ReadAsync(response, timeout.Token) : "";
            result = new FuzzResult(fuzz, response.StatusCode, media, clock.Elapsed, snippet);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // The in-memory test server refuses a decoded NUL in the path before the app sees it (Kestrel answers 400).
            result = new FuzzResult(fuzz, 0, null, clock.Elapsed, "refused by the test server: " + e.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // A request that hangs is as bad as a server error.
            result = new FuzzResult(fuzz, HttpStatusCode.GatewayTimeout, null, clock.Elapsed, "no answer within the timeout");
        }

        results.Add(result);
        return result;
    }

    public void Report(ITestOutputHelper output, string title)
    {
        output.WriteLine($"{title}: {results.Count} requests; statuses " +
            string.Join(", ", results.GroupBy(r => r.Code).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        output.WriteLine("operations covered: " + results.Select(r => r.Request.Operation.ToString()).Distinct().Count());
        foreach (var worst in results.Where(r => r.Code >= 500).Take(20).Concat(results.OrderByDescending(r => r.Elapsed).Take(5)))
        {
            output.WriteLine("  " + worst);
        }
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 4000 ? text[..4000] : text;
    }
}
