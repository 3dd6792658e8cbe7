using Microsoft.Extensions.Options;

namespace Platform.Silo.Configuration;

/// <summary>Validates options at start with a function that lists every problem, and fails with all of them.</summary>
public sealed class ListingValidator<TOptions>(Func<TOptions, IReadOnlyList<string>> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
