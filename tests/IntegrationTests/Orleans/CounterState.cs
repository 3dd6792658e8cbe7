using Orleans;

namespace Platform.IntegrationTests.Orleans;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}
