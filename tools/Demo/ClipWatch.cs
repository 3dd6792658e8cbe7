using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Demo;

/// <summary>Says when a new clip appears in the gateway's catalog, so that the demo shows the whole loop working.</summary>
internal sealed class ClipWatch(Uri gateway, string apiKey)
{
    public async Task RunAsync(Action<string> say, CancellationToken stopping)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var page = await http.GetFromJsonAsync<JsonElement>("/api/clips?limit=20", stopping);
                foreach (var clip in page.GetProperty("items").EnumerateArray().Reverse())
                {
                    if (seen.Add(clip.GetProperty("id").GetString()!))
                    {
                        say($"clip {clip.GetProperty("id").GetString()} from {clip.GetProperty("cameraId").GetString()}: "
                            + $"{clip.GetProperty("durationSeconds").GetDouble():0.0} s, {clip.GetProperty("sizeBytes").GetInt64() / 1024} KiB");
                    }
                }

                await Task.Delay(TimeSpan.FromSeconds(3), stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                say($"(the gateway did not answer: {e.Message})");
                await Task.Delay(TimeSpan.FromSeconds(3), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
