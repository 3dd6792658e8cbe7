using Platform.Grains.Interfaces.Messages;

namespace Platform.Grains.Hosting;

/// <summary>
/// The last position a grain applied from each source (a Kafka partition, or another grain's turns in one
/// partition). Stored with the grain's state, it makes redelivery harmless: after a crash, records after the last
/// checkpoint come again, and each one at or before the stored position is skipped.
/// </summary>
public sealed class AppliedPositions
{
    /// <summary>Source → offset * 2^16 + index (see <see cref="IngressPosition.Packed"/>). Public for the state's JSON.</summary>
    public Dictionary<string, long> Last { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True, and remembered, when <paramref name="position"/> comes after what was applied from <paramref name="source"/>; false for a repeat.</summary>
    public bool TryAdvance(string source, IngressPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var packed = position.Packed;
        if (Last.TryGetValue(source, out var last) && packed <= last)
        {
            return false;
        }

        Last[source] = packed;
        return true;
    }
}
