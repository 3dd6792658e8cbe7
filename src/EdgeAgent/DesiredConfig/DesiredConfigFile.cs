using System.Text.Json;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.DesiredConfig;

/// <summary>
/// The last applied edge.config, kept under the spool directory so that an agent restarted while the broker is
/// down records its cloud cameras again at once. Stored as received: the passwords stay sealed (only the running
/// agent holds them opened, in memory). Written to a temporary file and renamed, so a crash leaves the old or the
/// new file, never half of one.
/// </summary>
internal sealed class DesiredConfigFile(string path)
{
    public const string FileName = "desired-config.json";

    public string Path { get; } = path;

    public static DesiredConfigFile In(string spoolDirectory) => new(System.IO.Path.Combine(spoolDirectory, FileName));

    /// <summary>The saved config, or null when there is none. Throws <see cref="JsonException"/> when the file is damaged.</summary>
    public EdgeAgentConfig? Load() =>
        File.Exists(Path) ? JsonSerializer.Deserialize(File.ReadAllBytes(Path), EdgeJsonContext.Default.EdgeAgentConfig) : null;

    public void Save(EdgeAgentConfig config)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(config, EdgeJsonContext.Default.EdgeAgentConfig));
        File.Move(temporary, Path, overwrite: true);
    }
}
