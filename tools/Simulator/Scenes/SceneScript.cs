using Platform.Grains.Interfaces.Rules;
using Platform.Simulator.Model;

namespace Platform.Simulator.Scenes;

/// <summary>
/// Everything one run of a scene is: the configuration the sensor must have (zones, lines and rules, as the gateway
/// stores them), its camera, the frames to publish, and the rule firings those frames cause under that configuration.
/// </summary>
public sealed record SceneScript(
    string Scene,
    SensorConfig Sensor,
    CameraConfig Camera,
    IReadOnlyList<SimulatedFrame> Frames,
    IReadOnlyList<ExpectedFiring> ExpectedFirings);
