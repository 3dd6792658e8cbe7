using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Turns;

namespace Platform.Silo.Hosting;

/// <summary>A grain in memory, whatever its kind: what the partition worker needs to drive and persist it.</summary>
internal interface IGrainActivation
{
    GrainKey Id { get; }

    DateTimeOffset? NextTimerDue { get; }

    /// <summary>False when the message is not for this kind of grain.</summary>
    bool Handle(GrainEnvelope envelope, GrainTurn turn);

    void OnTimer(GrainTurn turn);

    byte[] SerializeState();
}
