using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Silo.Ingress;

/// <summary>
/// ISO-8601 date-times as devices send them: any fractional precision (none to picoseconds; .NET keeps 100 ns), 'Z' or an
/// offset. Stricter than DateTimeOffset.TryParse, which also takes "7/28/2021" and local times without offset.
/// </summary>
public static partial class IsoTimestamp
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length > 40 || !Shape().IsMatch(text))
        {
            return false;
        }

        // .NET keeps 7 fractional digits; devices may send more.
        var trimmed = FractionBeyondTicks().Replace(text, "$1");
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"(\.\d{7})\d+", RegexOptions.CultureInvariant)]
    private static partial Regex FractionBeyondTicks();
}
