using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Platform.LocalInfra;

namespace Platform.EndToEndTests.Otlp;

/// <summary>
/// A small OTLP/HTTP (protobuf) receiver on loopback: the services under test export their spans here, and the
/// test reads them back. Metrics are accepted and dropped.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<CollectedSpan> spans = new();
    private readonly Task loop;

    public OtlpCollector()
    {
        var port = FreePort.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Prefixes.Add(Endpoint.AbsoluteUri);
        listener.Start();
        loop = Task.Run(ReceiveAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<CollectedSpan> Spans => [.. spans];

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ReceiveAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
                {
                    spans.Enqueue(span);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
