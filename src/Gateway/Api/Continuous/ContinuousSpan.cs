namespace Platform.Gateway.Api.Continuous;

/// <summary>A stretch of continuous recording without a gap: its first start, last end, how many segments and bytes.</summary>
public sealed record ContinuousSpan(DateTimeOffset Start, DateTimeOffset End, int Segments, long Bytes);
