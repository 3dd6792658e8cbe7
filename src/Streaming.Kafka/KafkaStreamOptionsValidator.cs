using Orleans;
using Orleans.Runtime;

namespace Platform.Streaming.Kafka;

/// <summary>Refuses a <see cref="KafkaStreamOptions"/> at silo start, naming every wrong setting at once.</summary>
public sealed class KafkaStreamOptionsValidator(KafkaStreamOptions options, string name) : IConfigurationValidator
{
    public static IConfigurationValidator Create(IServiceProvider services, string name) =>
        new KafkaStreamOptionsValidator(services.GetOptionsByName<KafkaStreamOptions>(name), name);

    public void ValidateConfiguration()
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(
                $"Kafka stream provider '{name}' is misconfigured: {string.Join(" ", errors)}");
        }
    }

    /// <summary>Every problem of <paramref name="options"/>, each naming its setting.</summary>
    public static IReadOnlyList<string> Validate(KafkaStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            errors.Add("BootstrapServers is required (host:port[,host:port]).");
        }

        if (options.Topics.Count == 0 || options.Topics.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Topics must name at least one topic and no empty one.");
        }
        else if (options.Topics.Distinct(StringComparer.Ordinal).Count() != options.Topics.Count)
        {
            errors.Add("Topics names a topic twice.");
        }

        if (string.IsNullOrWhiteSpace(options.DeadLetterTopic))
        {
            errors.Add("DeadLetterTopic is required: refused records go there.");
        }
        else if (options.Topics.Contains(options.DeadLetterTopic, StringComparer.Ordinal))
        {
            errors.Add("DeadLetterTopic must not be one of the topics read (a refused record would come back).");
        }

        Positive(options.ReadWait, nameof(options.ReadWait), errors);
        Positive(options.CheckpointInterval, nameof(options.CheckpointInterval), errors);
        Positive(options.MetadataTimeout, nameof(options.MetadataTimeout), errors);
        AtLeastOne(options.MaxRecordsPerRead, nameof(options.MaxRecordsPerRead), errors);
        AtLeastOne(options.MaxBufferedRecordsPerQueue, nameof(options.MaxBufferedRecordsPerQueue), errors);
        AtLeastOne(options.MaxCachedEventsPerQueue, nameof(options.MaxCachedEventsPerQueue), errors);
        AtLeastOne(options.MaxCachedStreamsPerQueue, nameof(options.MaxCachedStreamsPerQueue), errors);
        AtLeastOne(options.MaxPendingStreamsPerSilo, nameof(options.MaxPendingStreamsPerSilo), errors);
        AtLeastOne(options.MaxCachedEventsPerSilo, nameof(options.MaxCachedEventsPerSilo), errors);
        if (options.MaxBufferedRecordsPerQueue < options.MaxRecordsPerRead)
        {
            errors.Add("MaxBufferedRecordsPerQueue must be at least MaxRecordsPerRead, or a read could never fill.");
        }

        foreach (var key in options.ClientProperties.Keys.Where(k => k is "bootstrap.servers" or "group.id" or "enable.auto.commit"))
        {
            errors.Add($"ClientProperties must not set '{key}': the provider owns it.");
        }

        return errors;
    }

    private static void Positive(TimeSpan value, string setting, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{setting} must be longer than zero.");
        }
    }

    private static void AtLeastOne(int value, string setting, List<string> errors)
    {
        if (value < 1)
        {
            errors.Add($"{setting} must be at least 1.");
        }
    }
}
