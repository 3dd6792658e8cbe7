namespace Platform.Gateway.Api.Metrics;

/// <summary>
/// Entries and exits per zone, or crossings per line, and time bucket (event time), summed over classes unless one
/// is asked for. <see cref="From"/> and <see cref="To"/> are the bounds of the whole buckets the range covers.
/// </summary>
public sealed record TrafficMetrics(string SensorId, DateTimeOffset From, DateTimeOffset To, string Bucket, string TimeZone, IReadOnlyList<TrafficBucket> Buckets);

/// <param name="ZoneId">A zone's id, or a line's id when <paramref name="Kind"/> is "line".</param>
/// <param name="Kind">"zone" or "line".</param>
/// <param name="Entries">For a line: crossings a-to-b.</param>
/// <param name="Exits">For a line: crossings b-to-a.</param>
/// <param name="MaxPresent">The most objects in the zone at once during the bucket; 0 for a line.</param>
public sealed record TrafficBucket(string ZoneId, string Kind, DateTimeOffset Start, long Entries, long Exits, int MaxPresent);

/// <summary>How many objects were in each zone at a time: the most present in the last counted minute at or before it.</summary>
public sealed record OccupancyMetrics(string SensorId, DateTimeOffset At, IReadOnlyList<ZoneOccupancy> Zones);

/// <param name="AsOf">The minute the count comes from. Zones and classes with nothing counted in the last 10 minutes are not listed: nothing is there.</param>
public sealed record ZoneOccupancy(string ZoneId, string ClassName, int Present, DateTimeOffset AsOf);
