using System.Net;
using System.Text.Json;

namespace Platform.GatewayTests.Faults;

/// <summary>The checks every fuzz result must pass: no server error or hang, and a 400/413 is a ProblemDetails.</summary>
internal static class ProblemAssertions
{
    public static IReadOnlyList<string> Violations(IEnumerable<FuzzResult> results)
    {
        var violations = new List<string>();
        foreach (var result in results)
        {
            if (result.Code >= 500)
            {
                violations.Add($"server error: {result}");
            }
            else if (result.Status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge && !IsProblem(result))
            {
                violations.Add($"not a ProblemDetails: {result} ({result.MediaType})");
            }
        }

        return violations;
    }

    private static bool IsProblem(FuzzResult result)
    {
        if (result.MediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(result.Snippet.Length < 4000 ? result.Snippet : "{\"status\":0}");
            return result.Snippet.Length >= 4000 || (document.RootElement.TryGetProperty("status", out var status) && status.GetInt32() == result.Code);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
