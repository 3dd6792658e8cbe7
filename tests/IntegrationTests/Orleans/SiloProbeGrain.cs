using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Platform.IntegrationTests.Orleans;

/// <summary>
/// Prefers the silo that first calls it, so a test can put an activation on a chosen silo (by calling through that
/// silo's own grain factory) and later see it come back elsewhere.
/// </summary>
[PreferLocalPlacement]
public sealed class SiloProbeGrain(ILocalSiloDetails silo) : Grain, ISiloProbeGrain
{
    public Task<int> SiloPortAsync() => Task.FromResult(silo.SiloAddress.Endpoint.Port);
}
