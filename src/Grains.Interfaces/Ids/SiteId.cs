using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Ids;

/// <summary>A site: a place with cameras, and the scope of a site-scoped API key.</summary>
[JsonConverter(typeof(StringIdJsonConverter<SiteId>))]
public readonly record struct SiteId(string Value) : IStringId<SiteId>
{
    public static SiteId From(string value) => new(value);

    public override string ToString() => Value;
}
