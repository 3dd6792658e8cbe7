using Platform.Grains.Interfaces.Ids;

namespace Platform.Simulator.Scenes;

/// <summary>A scripted situation with known rule firings. Pure: the same sensor, camera and start give the same script.</summary>
public interface IScene
{
    /// <summary>The command-line name, e.g. "loitering".</summary>
    string Name { get; }

    string Description { get; }

    SceneScript Build(SensorId sensor, CameraId camera, DateTimeOffset start);
}
