namespace Platform.Gateway.Api.Metrics;

/// <summary>Entries and exits per zone and time bucket (event time), summed over classes unless one is asked for.</summary>
public sealed record TrafficMetrics(string SensorId, DateTimeOffset From, DateTimeOffset To, string Bucket, IReadOnlyList<TrafficBucket> Buckets);

public sealed record TrafficBucket(string ZoneId, DateTimeOffset Start, long Entries, long Exits, int MaxPresent);

/// <summary>How many objects were in each zone at a time: the most present in the last counted minute at or before it.</summary>
public sealed record OccupancyMetrics(string SensorId, DateTimeOffset At, IReadOnlyList<ZoneOccupancy> Zones);

/// <param name="AsOf">The minute the count comes from. Zones and classes with nothing counted in the last 10 minutes are not listed: nothing is there.</param>
public sealed record ZoneOccupancy(string ZoneId, string ClassName, int Present, DateTimeOffset AsOf);
