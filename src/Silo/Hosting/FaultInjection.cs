using System.Diagnostics;

namespace Platform.Silo.Hosting;

/// <summary>
/// Section "Faults": kills this process (SIGKILL, no cleanup) at an exact point of the commit protocol, for the
/// crash tests and chaos runs. Off unless configured; a production deployment never sets it.
/// </summary>
public sealed class FaultInjection
{
    public const string Section = "Faults";

    private int commits;

    /// <summary>Die just before the Nth state commit (the grains' turns are applied in memory only).</summary>
    public int KillBeforeCommit { get; set; }

    /// <summary>Die just after the Nth state commit, before its Kafka messages are sent (they stay in the outbox).</summary>
    public int KillAfterCommit { get; set; }

    public bool IsEnabled => KillBeforeCommit > 0 || KillAfterCommit > 0;

    internal void BeforeCommit()
    {
        if (Interlocked.Increment(ref commits) == KillBeforeCommit)
        {
            Die();
        }
    }

    internal void AfterCommit()
    {
        if (Volatile.Read(ref commits) == KillAfterCommit)
        {
            Die();
        }
    }

    private static void Die()
    {
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }
}
