namespace Platform.IntegrationTests.Faults;

/// <summary>
/// Quick figures by default (the whole suite stays short); the full figures when PLATFORM_LONG_FAULTS=1.
/// </summary>
internal static class FaultFigures
{
    public static bool Long => Environment.GetEnvironmentVariable("PLATFORM_LONG_FAULTS") == "1";

    /// <summary>Picks the quick or the long value.</summary>
    public static T Pick<T>(T quick, T @long) => Long ? @long : quick;
}
