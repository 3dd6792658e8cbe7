using Orleans;

namespace Platform.Grains.Hosting;

/// <summary>
/// A turn that fails leaves the grain's memory ahead of its storage: the grain deactivates, so that the batch delivered
/// again (or the next call) starts over from what was stored. The failure goes on to the caller.
/// </summary>
internal static class GrainTurnGuard
{
    public static async Task RunTurnAsync(this IGrainBase grain, Func<Task> turn, Action<Exception> logFailure)
    {
        try
        {
            await turn();
        }
        catch (Exception e)
        {
            logFailure(e);
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
