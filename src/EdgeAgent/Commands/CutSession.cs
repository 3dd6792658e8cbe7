namespace Platform.EdgeAgent.Commands;

/// <summary>A session whose clip has been cut: a later extension of it becomes the next part, starting where this one ended.</summary>
internal sealed record CutSession(string Key, int Part, DateTimeOffset End, DateTimeOffset ForgetAfter);
