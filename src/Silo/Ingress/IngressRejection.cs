namespace Platform.Silo.Ingress;

/// <summary>A refused record: the reason (a header and a metric tag) and a detail for people (a header and the log).</summary>
public sealed record IngressRejection(DeadLetterReason Reason, string Detail);
