namespace Platform.Grains.Rules;

/// <summary>One thing wrong with a configuration: a JSON path into it ("actions[1].preRoll") and what is wrong, for people.</summary>
public sealed record ValidationProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
