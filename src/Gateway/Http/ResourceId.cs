using System.Text.RegularExpressions;

namespace Platform.Gateway.Http;

/// <summary>
/// What an id of a site, camera, sensor or rule may look like. Ids become parts of URLs, Kafka keys and S3 object
/// keys ("clips/{cameraId}/..."), so they are restricted to characters that are safe in all three: no '/', no '..'.
/// </summary>
public static partial class ResourceId
{
    public const string Rule = "1 to 128 characters: letters, digits, '.', '_', '-' or ':', not starting with '.' or '-'.";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value) && !value.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,127}$")]
    private static partial Regex Pattern();
}
