namespace Platform.Simulator.Scenes;

/// <summary>The scenes `platform-sim scene NAME` knows.</summary>
public static class SceneCatalog
{
    public static IReadOnlyList<IScene> All { get; } = [new LoiteringScene(), new CrowdScene(), new LineCrossingScene(), new OffScheduleScene()];

    public static IScene? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
