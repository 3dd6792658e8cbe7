using Orleans;

namespace Platform.IntegrationTests.Orleans;

/// <summary>Registers one reminder and counts how often it fired in this activation.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task StopAsync();

    Task<int> TicksAsync();

    Task<bool> IsRegisteredAsync();
}
