namespace Platform.Gateway.Api.Metrics;

/// <summary>
/// The interval grid of a traffic query. Buckets are laid out in the caller's time zone from local midnight of
/// the day <c>from</c> falls in, every <c>bucket</c>: <c>from</c> is moved back to the start of its bucket and
/// <c>to</c> forward to the end of its bucket, so that the range holds whole buckets and every bucket whole
/// minutes (time-zone offsets are whole minutes). Days follow the local calendar: a day bucket across a DST
/// change lasts 23 or 25 hours, and the repeated local hour of a fall-back is one hour bucket.
/// </summary>
public sealed record TrafficGrid(TimeZoneInfo Zone, DateTime Origin, TimeSpan Size, DateTimeOffset Start, DateTimeOffset End, long Count)
{
    public static TrafficGrid Create(DateTimeOffset from, DateTimeOffset to, TimeSpan size, TimeZoneInfo zone)
    {
        var localFrom = TimeZoneInfo.ConvertTime(from, zone).DateTime;
        var origin = localFrom.Date;
        var startIndex = (localFrom - origin).Ticks / size.Ticks;
        var localTo = TimeZoneInfo.ConvertTime(to, zone).DateTime;
        var endIndex = (localTo - origin).Ticks / size.Ticks;
        if (origin.AddTicks(endIndex * size.Ticks) < localTo)
        {
            endIndex++;
        }

        return new TrafficGrid(
            zone, origin, size, ToInstant(origin.AddTicks(startIndex * size.Ticks), zone), ToInstant(origin.AddTicks(endIndex * size.Ticks), zone),
            endIndex - startIndex);
    }

    /// <summary>
    /// A bucket's local start as an instant with the zone's offset. A local time skipped by a spring-forward
    /// moves to the first instant after the gap; a repeated one means its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    public DateTimeOffset ToInstant(DateTime local) => ToInstant(local, Zone);
}
