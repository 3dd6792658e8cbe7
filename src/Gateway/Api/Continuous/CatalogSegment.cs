namespace Platform.Gateway.Api.Continuous;

/// <summary>A continuous_segments row: one uploaded segment of a camera.</summary>
public sealed record CatalogSegment(DateTimeOffset Start, DateTimeOffset End, string ObjectKey, long Bytes);
