using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Platform.EdgeAgent.Configuration;

/// <summary>
/// Validates all three sections together before any service is built, so that a bad configuration is reported
/// in one message naming every error of every section (the options' own validation would stop at the first
/// section a service constructor happens to read).
/// </summary>
internal static class EdgeAgentConfigurationCheck
{
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var agent = new EdgeAgentOptions();
        configuration.GetSection(EdgeAgentOptions.SectionName).Bind(agent);
        var s3 = new S3Options();
        configuration.GetSection(S3Options.SectionName).Bind(s3);
        var kafka = new KafkaOptions();
        configuration.GetSection(KafkaOptions.SectionName).Bind(kafka);
        var errors = EdgeAgentOptionsValidator.Errors(agent)
            .Concat(S3OptionsValidator.Errors(s3))
            .Concat(KafkaOptionsValidator.Errors(kafka))
            .ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(EdgeAgentOptions.SectionName, typeof(EdgeAgentOptions), errors);
        }
    }
}
