using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Platform.Messaging;
using Platform.LocalInfra;

namespace Platform.IntegrationTests.Silo;

/// <summary>The real DeepStream messages in ../shared/samples, moved to a recent time so that ingress accepts them.</summary>
internal static class DeepStreamSamples
{
    public const string SensorId = "HWY_20_AND_LOCUST__EBA__4_11_2018_4_59_59_508_AM_UTC-07_00";

    /// <summary>The sample lines with their date and hour-minute replaced by <paramref name="at"/>'s (seconds and milliseconds kept).</summary>
    public static IReadOnlyList<string> FullSchema(DateTimeOffset at) =>
        [.. File.ReadAllLines(Path.Combine(RepositoryPaths.FindRepositoryRoot(), "..", "shared", "samples", "deepstream", "events-full.jsonl"))
            .Select(line => line.Replace("2021-07-28T17:53:", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:", CultureInfo.InvariantCulture), StringComparison.Ordinal))];

    /// <summary>Publishes the lines as a DeepStream device would: keyed by its sensor id, one after another.</summary>
    public static async Task ProduceAsync(string bootstrapServers, string topic, IEnumerable<string> lines)
    {
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(bootstrapServers, "device")).Build();
        foreach (var line in lines)
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = SensorId, Value = Encoding.UTF8.GetBytes(line) });
        }
    }
}
