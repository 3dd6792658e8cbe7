namespace Platform.Silo.Ingress;

/// <summary>Thrown inside a reader to stop at the first problem; <see cref="DeepStreamParser"/> turns it into a rejection.</summary>
internal sealed class IngressRejectedException(DeadLetterReason reason, string message) : Exception(message)
{
    public DeadLetterReason Reason { get; } = reason;
}
