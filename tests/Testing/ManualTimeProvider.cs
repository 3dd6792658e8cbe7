namespace Platform.Testing;

/// <summary>
/// A clock that moves only when a test moves it (Microsoft.Extensions.TimeProvider.Testing does not restore
/// here). It serves GetUtcNow only: the grains never create timers, the host arms them from NextTimerDue.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset now;

    public ManualTimeProvider(DateTimeOffset start)
    {
        now = start;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        now += by;
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, now);
        now = value;
    }
}
