using System.Text.Json.Serialization;

namespace Platform.Grains.Interfaces.Rules;

/// <summary>When an object-in-zone rule fires: on the detection where the object enters, or on every detection while it is inside (throttled by the rule's cooldown).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ZoneTrigger>))]
public enum ZoneTrigger
{
    [JsonStringEnumMemberName("on-enter")]
    OnEnter,

    [JsonStringEnumMemberName("while-present")]
    WhilePresent,
}
