using Microsoft.Extensions.Options;

namespace Platform.EdgeAgent.Configuration;

/// <summary>Checks <see cref="KafkaOptions"/> at start, naming every problem.</summary>
internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = KafkaOptions.SectionName;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            errors.Add($"{S}:BootstrapServers is required (host:port[,host:port…]).");
        }

        Topic(errors, $"{S}:CommandsTopic", options.CommandsTopic);
        Topic(errors, $"{S}:ClipsTopic", options.ClipsTopic);
        Topic(errors, $"{S}:StatusTopic", options.StatusTopic);
        Topic(errors, $"{S}:SegmentsTopic", options.SegmentsTopic);
        if (options.GroupId is not null && string.IsNullOrWhiteSpace(options.GroupId))
        {
            errors.Add($"{S}:GroupId must be omitted or non-empty.");
        }

        if (!string.Equals(options.AutoOffsetReset, "Latest", StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(options.AutoOffsetReset, "Earliest", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{S}:AutoOffsetReset must be Latest or Earliest (was '{options.AutoOffsetReset}').");
        }

        errors.AddRange(options.Security.Validate($"{S}:Security"));
        return errors;
    }

    private static void Topic(List<string> errors, string key, string? value)
    {
        // Kafka's own rule: 1-249 of [a-zA-Z0-9._-].
        if (string.IsNullOrWhiteSpace(value) || value.Length > 249 ||
            !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            errors.Add($"{key} must be a Kafka topic name: 1-249 letters, digits, '.', '_' or '-' (was '{value}').");
        }
    }
}
