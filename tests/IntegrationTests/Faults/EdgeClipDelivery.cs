using System.Security.Cryptography;
using Platform.IntegrationTests.EdgeAgent;

namespace Platform.IntegrationTests.Faults;

/// <summary>
/// What "delivered exactly once" means for the edge agent: each clip id once on edge.clips, its video in S3 with the
/// announced size and SHA-256, its thumbnail beside it, and nothing else in the bucket.
/// </summary>
internal static class EdgeClipDelivery
{
    /// <summary>Returns the delivered clip ids; fails on a doubled announcement or an object that does not match.</summary>
    public static async Task<IReadOnlyList<string>> AssertExactlyOnceAsync(EdgeAgentHarness agent)
    {
        var announced = agent.Clips.Select(c => c.Clip).ToList();
        var doubled = announced.GroupBy(c => c.ClipId.Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(doubled.Count == 0, $"announced more than once: {string.Join(", ", doubled)}");
        foreach (var clip in announced)
        {
            var bytes = await agent.GetObjectAsync(clip.Key);
            Assert.Equal(clip.SizeBytes, bytes.LongLength);
            Assert.Equal(clip.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.NotNull(clip.ThumbnailKey);
            Assert.NotEmpty(await agent.GetObjectAsync(clip.ThumbnailKey!));
        }

        Assert.Equal(2 * announced.Count, await agent.CountObjectsAsync());
        return [.. announced.Select(c => c.ClipId.Value)];
    }
}
