using System.Diagnostics;

namespace Platform.Testing;

/// <summary>Waits for a condition with a deadline, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    public static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>The same, for a condition that has to ask a server.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what()}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
