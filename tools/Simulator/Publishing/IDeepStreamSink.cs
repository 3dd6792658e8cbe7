using Platform.Simulator.Messages;

namespace Platform.Simulator.Publishing;

/// <summary>Where the runners put messages: Kafka in the tool, a list in tests.</summary>
public interface IDeepStreamSink
{
    void Publish(DeepStreamMessage message);
}
