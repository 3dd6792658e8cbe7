namespace Platform.UnitTests;

/// <summary>A clock that always says the same time: for code that only reads "now" to check a bound.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
