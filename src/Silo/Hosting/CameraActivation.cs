using System.Text.Json;
using Platform.Grains.Cameras;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Json;
using Platform.Grains.Turns;

namespace Platform.Silo.Hosting;

internal sealed class CameraActivation(CameraLogic grain) : IGrainActivation
{
    public CameraLogic Grain { get; } = grain;

    public GrainKey Id => Grain.Id;

    public DateTimeOffset? NextTimerDue => Grain.NextTimerDue;

    public bool Handle(GrainEnvelope envelope, GrainTurn turn) => Grain.Handle(envelope, turn);

    public void OnTimer(GrainTurn turn) => Grain.OnTimer(turn);

    public byte[] SerializeState() => JsonSerializer.SerializeToUtf8Bytes(Grain.State, GrainStateJsonContext.Default.CameraState);
}
