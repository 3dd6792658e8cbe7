namespace Platform.IntegrationTests;

/// <summary>The last lines a process printed, kept so that a test that times out waiting for it can say why.</summary>
internal sealed class OutputTail(int lines = 30)
{
    private readonly Queue<string> kept = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (kept)
        {
            kept.Enqueue(line);
            if (kept.Count > lines)
            {
                kept.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (kept)
        {
            return string.Join('\n', kept);
        }
    }
}
