namespace Platform.Testing.Faults;

/// <summary>
/// The fault suites run a quick variant by default; PLATFORM_LONG_FAULTS=1 turns on the long one (bigger corpora, more seeds,
/// more hostile values).
/// </summary>
public static class LongFaults
{
    public const string Variable = "PLATFORM_LONG_FAULTS";

    public const string Category = "Faults";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The quick figure, or the long one when the long variant is on.</summary>
    public static T Pick<T>(T quick, T @long) => Enabled ? @long : quick;
}
