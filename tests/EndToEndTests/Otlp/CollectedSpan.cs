namespace Platform.EndToEndTests.Otlp;

/// <summary>A span as exported: which service, which trace, its parent (empty for a root) and its name.</summary>
public sealed record CollectedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name);
