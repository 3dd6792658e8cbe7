using Orleans;

namespace Platform.Grains.Interfaces.Grains;

/// <summary>
/// One DeepStream sensor, keyed by its sensor id. Detections reach it on its stream (namespace
/// <see cref="StreamNamespaces.Sensor"/>); this interface is for the gateway.
/// </summary>
public interface ISensorGrain : IGrainWithStringKey
{
    /// <summary>Reads the sensor's zones, lines and rules again: detections after this call are evaluated with them.</summary>
    Task ReloadConfig();
}
