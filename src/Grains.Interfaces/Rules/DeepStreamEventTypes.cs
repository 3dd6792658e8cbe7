namespace Platform.Grains.Interfaces.Rules;

/// <summary>The values of DeepStream's event.type, lower case as ingress normalizes them.</summary>
public static class DeepStreamEventTypes
{
    public const string Entry = "entry";
    public const string Exit = "exit";
    public const string Moving = "moving";
    public const string Stopped = "stopped";
    public const string Empty = "empty";
    public const string Parked = "parked";
    public const string Reset = "reset";

    public static IReadOnlyList<string> All { get; } = [Entry, Exit, Moving, Stopped, Empty, Parked, Reset];
}
