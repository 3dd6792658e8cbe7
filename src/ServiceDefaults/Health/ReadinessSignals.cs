using System.Collections.Concurrent;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Named "I am up" flags raised by a service's own components (a Kafka consumer after it subscribed, a producer
/// once built). Background services start asynchronously, so readiness cannot be read from the host's start alone.
/// </summary>
public sealed class ReadinessSignals
{
    private readonly ConcurrentDictionary<string, bool> raised = new(StringComparer.Ordinal);

    public void Raise(string name) => raised[name] = true;

    public void Lower(string name) => raised.TryRemove(name, out _);

    public bool IsRaised(string name) => raised.ContainsKey(name);
}
