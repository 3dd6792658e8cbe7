using Orleans;
using Orleans.Runtime;

namespace Platform.IntegrationTests.Orleans;

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "tick";

    private int ticks;

    // A short first due time: the test waits for ticks, and the period (at least ReminderOptions.MinimumReminderPeriod)
    // only has to come after it.
    public Task StartAsync(TimeSpan period) =>
        this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMilliseconds(100), period);

    public async Task StopAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> TicksAsync() => Task.FromResult(ticks);

    public async Task<bool> IsRegisteredAsync() => await this.GetReminder(ReminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            ticks++;
        }

        return Task.CompletedTask;
    }
}
