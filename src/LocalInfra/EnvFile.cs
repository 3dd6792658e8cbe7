namespace Platform.LocalInfra;

/// <summary>
/// KEY=value files that shell scripts can `source` (values are single-quoted) and that tools read back.
/// </summary>
public static class EnvFile
{
    public static async Task WriteAsync(string path, IReadOnlyDictionary<string, string> variables)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = variables.Select(v => $"{v.Key}='{v.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'");
        // Written beside and renamed, so that a reader never sees half a file.
        var temporary = path + ".tmp";
        await File.WriteAllLinesAsync(temporary, lines);
        File.Move(temporary, path, overwrite: true);
    }

    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var variables = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(path))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var value = line[(separator + 1)..];
            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                value = value[1..^1].Replace("'\\''", "'", StringComparison.Ordinal);
            }

            variables[line[..separator]] = value;
        }

        return variables;
    }
}
