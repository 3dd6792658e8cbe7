namespace Platform.LocalInfra;

/// <summary>How <see cref="S3Server"/> starts the local S3-compatible server (s3rver).</summary>
public sealed record S3ServerOptions
{
    /// <summary>How long to wait for the server to listen. Default 30 s: a cold Node start on a busy CI core is slow.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stop waits after SIGTERM before killing the process. Default 5 s.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The directory holding the project's installed tools; s3rver is expected in its <c>s3rver</c> subdirectory.
    /// Default: <see cref="RepositoryPaths.ToolsDirectory"/>.
    /// </summary>
    public string? ToolsDirectory { get; init; }

    /// <summary>The <c>node</c> executable. Default: the first <c>node</c> on PATH.</summary>
    public string? NodeExecutable { get; init; }

    /// <summary>Throws, naming every problem at once, when the options cannot work.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (StartTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(StartTimeout)} must be positive (was {StartTimeout}).");
        }

        if (StopGrace < TimeSpan.Zero)
        {
            errors.Add($"{nameof(StopGrace)} must not be negative (was {StopGrace}).");
        }

        if (ToolsDirectory is not null && string.IsNullOrWhiteSpace(ToolsDirectory))
        {
            errors.Add($"{nameof(ToolsDirectory)} must be null (the default) or a path.");
        }

        if (NodeExecutable is not null && string.IsNullOrWhiteSpace(NodeExecutable))
        {
            errors.Add($"{nameof(NodeExecutable)} must be null (found on PATH) or a path.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid S3 server options: " + string.Join(" ", errors));
        }
    }
}
