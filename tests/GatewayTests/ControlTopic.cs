using System.Text.Json;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Testing;

namespace Platform.GatewayTests;

/// <summary>What the gateway told the grains: the envelopes on the host's control topic.</summary>
internal static class ControlTopic
{
    public static async Task<IReadOnlyList<GrainEnvelope>> ReadAsync(GatewayHost host, int expected)
    {
        var records = await TopicReader.ReadAsync(host.KafkaBootstrap, host.ControlTopic, expected, TimeSpan.FromSeconds(10));
        return [.. records.Select(r =>
        {
            var envelope = JsonSerializer.Deserialize(r.Message.Value, GrainJsonContext.Default.GrainEnvelope)!;
            Assert.Equal(envelope.GrainKey.PartitionKey, r.Message.Key);
            return envelope;
        })];
    }
}
