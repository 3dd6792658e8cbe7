using System.Globalization;

namespace Platform.Grains.Turns;

/// <summary>
/// Where the message a turn applies came from: Kafka topic, partition and offset. Effect ids are derived from
/// it, so a replay of the same record yields the same ids. A timer turn has a synthetic position (see
/// <see cref="ForTimer"/>) derived from the due time the host armed.
/// </summary>
public readonly record struct SourcePosition(string Topic, int Partition, long Offset)
{
    public const string TimerTopic = "timer";

    /// <summary>The position of a timer turn: the host passes the due time it armed (the grain's NextTimerDue), so a re-fired timer yields the same ids.</summary>
    public static SourcePosition ForTimer(int partition, DateTimeOffset due) =>
        new(TimerTopic, partition, due.ToUnixTimeMilliseconds());

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Topic}/{Partition}@{Offset}");
}
