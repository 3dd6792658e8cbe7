using Microsoft.AspNetCore.Http.HttpResults;
using RuleProblem = Platform.Grains.Rules.ValidationProblem;

namespace Platform.Gateway.Http;

/// <summary>400 responses as ProblemDetails whose `errors` name each invalid field by its path in the request.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IEnumerable<RuleProblem> problems, string prefix = "") =>
        TypedResults.ValidationProblem(problems
            .GroupBy(p => Join(prefix, p.Path))
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    /// <summary>409: the request is valid but clashes with what exists.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    private static string Join(string prefix, string path) =>
        prefix.Length == 0 ? (path.Length == 0 ? "$" : path) : path.Length == 0 ? prefix : path.StartsWith('[') ? prefix + path : $"{prefix}.{path}";
}
