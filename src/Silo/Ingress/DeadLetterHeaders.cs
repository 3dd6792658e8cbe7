namespace Platform.Silo.Ingress;

/// <summary>Headers on a `platform.deadletter` record: why it was refused and where it came from.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "reason";
    public const string Detail = "detail";
    public const string SourceTopic = "source-topic";
    public const string SourcePartition = "source-partition";
    public const string SourceOffset = "source-offset";
}
