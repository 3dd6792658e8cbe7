using System.Text.Json.Serialization;
using Platform.Grains.Effects;
using Platform.Grains.Hosting;

namespace Platform.Grains.Sensors;

/// <summary>What a sensor grain stores: the tracking and rule state, and the last record applied per partition.</summary>
public sealed class SensorGrainState : IHasPendingEffects
{
    public SensorState Sensor { get; set; } = new();

    public AppliedPositions Applied { get; set; } = new();

    [JsonIgnore]
    public PendingEffects Effects { get; } = new();
}
