namespace Platform.Streaming.Kafka.DeadLetters;

/// <summary>Headers on a dead-lettered record: why it was refused and where it came from.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "reason";
    public const string Detail = "detail";
    public const string SourceTopic = "source-topic";
    public const string SourcePartition = "source-partition";
    public const string SourceOffset = "source-offset";

    /// <summary>Set when the record was too large to send on: its original size; the value is its first <see cref="TruncatedLength"/> bytes.</summary>
    public const string TruncatedFrom = "truncated-from";

    public const int TruncatedLength = 64 * 1024;

    /// <summary>The detail header is cut to this many characters.</summary>
    public const int MaxDetailLength = 1000;
}
