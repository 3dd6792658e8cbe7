using System.Diagnostics;

namespace Platform.Grains.Hosting;

/// <summary>W3C trace context as the `traceparent` strings grains carry in envelopes and effects.</summary>
internal static class TraceContext
{
    /// <summary>The context <paramref name="traceParent"/> names; none when it is missing or malformed.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;

    /// <summary>The traceparent of <paramref name="activity"/>, or null when nothing is being traced.</summary>
    public static string? Of(Activity? activity) => activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null;
}
