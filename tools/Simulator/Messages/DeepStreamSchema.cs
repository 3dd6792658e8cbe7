namespace Platform.Simulator.Messages;

/// <summary>The two payloads of DeepStream's nvmsgconv: full (one object per message) and minimal (all objects of a frame).</summary>
public enum DeepStreamSchema
{
    Full,
    Minimal,
}
