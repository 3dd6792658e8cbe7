using Orleans;
using Orleans.Runtime;
using Platform.ServiceDefaults.Health;

namespace Platform.Silo.Hosting;

/// <summary>Raises the silo's readiness signal once it is an active member of the cluster, and lowers it when it starts to stop.</summary>
internal sealed class SiloReadiness(ReadinessSignals signals) : ILifecycleParticipant<ISiloLifecycle>
{
    public const string Signal = "orleans-silo-active";

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active,
        _ =>
        {
            signals.Raise(Signal);
            return Task.CompletedTask;
        },
        _ =>
        {
            signals.Lower(Signal);
            return Task.CompletedTask;
        });
}
