namespace Platform.Testing;

/// <summary>How one helm run ended.</summary>
public sealed record HelmResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"helm exited with {ExitCode}\n{Output}\n{Error}";
}
