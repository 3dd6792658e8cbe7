using System.Text.Json.Serialization;

namespace Platform.Grains.Interfaces.Rules;

/// <summary>
/// Which way an object crosses a <see cref="Line"/>. Stand at A and look towards B on the screen (y grows
/// downwards): <see cref="AToB"/> is a crossing from the left-hand side to the right-hand side, which is the
/// direction of A→B turned 90° clockwise on screen; <see cref="BToA"/> is the opposite. For a horizontal line
/// drawn left to right, a-to-b means moving down the picture. In numbers: the side of a point P is the sign
/// of cross(B − A, P − A); a-to-b goes from ≤ 0 to &gt; 0.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CrossingDirection>))]
public enum CrossingDirection
{
    [JsonStringEnumMemberName("either")]
    Either,

    [JsonStringEnumMemberName("a-to-b")]
    AToB,

    [JsonStringEnumMemberName("b-to-a")]
    BToA,
}
