using System.Text.Json.Serialization;

namespace Platform.Gateway.Http;

/// <summary>One page of a listing; pass <see cref="NextCursor"/> back as `cursor` for the next (null: this was the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);
