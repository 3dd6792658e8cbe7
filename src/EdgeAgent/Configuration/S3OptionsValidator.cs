using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Platform.EdgeAgent.Configuration;

/// <summary>Checks <see cref="S3Options"/> at start, naming every problem; never echoes the credentials.</summary>
internal sealed partial class S3OptionsValidator : IValidateOptions<S3Options>
{
    public ValidateOptionsResult Validate(string? name, S3Options options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(S3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = S3Options.SectionName;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            errors.Add($"{S}:ServiceUrl is required.");
        }
        else if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{S}:ServiceUrl must be an absolute http or https URL (was '{options.ServiceUrl}').");
        }

        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            errors.Add($"{S}:Bucket is required.");
        }
        else if (!BucketName().IsMatch(options.Bucket))
        {
            errors.Add($"{S}:Bucket '{options.Bucket}' is not a valid bucket name (3-63 lower-case letters, digits, '.', '-').");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            errors.Add($"{S}:Region is required.");
        }

        if (string.IsNullOrEmpty(options.AccessKey))
        {
            errors.Add($"{S}:AccessKey is required.");
        }

        if (string.IsNullOrEmpty(options.SecretKey))
        {
            errors.Add($"{S}:SecretKey is required.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{S}:RequestTimeout must be positive and at most 1 h (was {options.RequestTimeout}).");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
