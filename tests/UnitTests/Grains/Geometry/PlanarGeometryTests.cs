using Platform.Grains.Geometry;
using Platform.Grains.Interfaces.Rules;

namespace Platform.UnitTests.Grains.Geometry;

public sealed class PlanarGeometryTests
{
    private static readonly PixelPoint[] Square = [new(100, 100), new(300, 100), new(300, 300), new(100, 300)];

    // A "U" opening upwards: two arms (100..150 and 250..300) joined by a base below y = 250.
    private static readonly PixelPoint[] UShape =
        [new(100, 100), new(150, 100), new(150, 250), new(250, 250), new(250, 100), new(300, 100), new(300, 300), new(100, 300)];

    [Theory]
    [InlineData(200, 200, true)]
    [InlineData(99.5, 200, false)]
    [InlineData(200, 300.5, false)]
    [InlineData(400, 200, false)]
    public void Point_inside_a_square_is_inside_and_outside_is_outside(double x, double y, bool inside) =>
        Assert.Equal(inside, PlanarGeometry.IsInside(new(x, y), Square));

    [Theory]
    [InlineData(100, 200)] // left edge
    [InlineData(200, 100)] // top edge
    [InlineData(300, 250)] // right edge
    [InlineData(150, 300)] // bottom edge
    public void Point_on_an_edge_is_inside(double x, double y) =>
        Assert.True(PlanarGeometry.IsInside(new(x, y), Square));

    [Theory]
    [InlineData(100, 100)]
    [InlineData(300, 100)]
    [InlineData(300, 300)]
    [InlineData(100, 300)]
    public void Point_on_a_vertex_is_inside(double x, double y) =>
        Assert.True(PlanarGeometry.IsInside(new(x, y), Square));

    [Theory]
    [InlineData(125, 150, true)]  // left arm
    [InlineData(275, 150, true)]  // right arm
    [InlineData(200, 275, true)]  // base
    [InlineData(200, 150, false)] // the notch between the arms
    [InlineData(200, 249, false)] // just above the base, still in the notch
    [InlineData(150, 175, true)]  // on the notch's left wall
    public void Concave_polygon_excludes_its_notch(double x, double y, bool inside) =>
        Assert.Equal(inside, PlanarGeometry.IsInside(new(x, y), UShape));

    [Fact]
    public void Ray_through_a_vertex_is_counted_once()
    {
        PixelPoint[] diamond = [new(200, 100), new(300, 200), new(200, 300), new(100, 200)];

        // The horizontal ray from these points passes exactly through the vertices (300,200) and (100,200).
        Assert.True(PlanarGeometry.IsInside(new(200, 200), diamond));
        Assert.False(PlanarGeometry.IsInside(new(50, 200), diamond));
        Assert.False(PlanarGeometry.IsInside(new(350, 200), diamond));
    }

    [Fact]
    public void Polygon_with_fewer_than_three_points_contains_nothing() =>
        Assert.False(PlanarGeometry.IsInside(new(1, 1), [new(0, 0), new(2, 2)]));

    [Fact]
    public void Moving_down_across_a_left_to_right_line_is_a_to_b_and_up_is_b_to_a()
    {
        PixelPoint a = new(0, 500), b = new(400, 500);

        Assert.Equal(CrossingDirection.AToB, PlanarGeometry.Crossing(new(200, 450), new(200, 550), a, b));
        Assert.Equal(CrossingDirection.BToA, PlanarGeometry.Crossing(new(200, 550), new(200, 450), a, b));
    }

    [Fact]
    public void Moving_right_across_a_top_to_bottom_line_is_b_to_a()
    {
        // Standing at A (top) looking at B (bottom), the screen's left (small x) is on the walker's right-hand side.
        PixelPoint a = new(100, 0), b = new(100, 200);

        Assert.Equal(CrossingDirection.BToA, PlanarGeometry.Crossing(new(50, 100), new(150, 100), a, b));
        Assert.Equal(CrossingDirection.AToB, PlanarGeometry.Crossing(new(150, 100), new(50, 100), a, b));
    }

    [Fact]
    public void Path_that_passes_beyond_the_segment_end_does_not_cross()
    {
        Assert.Null(PlanarGeometry.Crossing(new(450, 450), new(450, 550), new(0, 500), new(400, 500)));
    }

    [Fact]
    public void Path_touching_the_segment_end_point_crosses()
    {
        Assert.Equal(CrossingDirection.AToB, PlanarGeometry.Crossing(new(400, 450), new(400, 550), new(0, 500), new(400, 500)));
    }

    [Fact]
    public void Path_parallel_to_the_line_does_not_cross()
    {
        Assert.Null(PlanarGeometry.Crossing(new(10, 450), new(390, 450), new(0, 500), new(400, 500)));
        Assert.Null(PlanarGeometry.Crossing(new(10, 500), new(390, 500), new(0, 500), new(400, 500)));
    }

    [Fact]
    public void Stepping_onto_the_line_and_on_counts_one_crossing_and_onto_and_back_none()
    {
        PixelPoint a = new(0, 500), b = new(400, 500), above = new(200, 450), on = new(200, 500), below = new(200, 550);

        // A point on the line is on the left-hand (a-to-b "from") side.
        Assert.Null(PlanarGeometry.Crossing(above, on, a, b));
        Assert.Equal(CrossingDirection.AToB, PlanarGeometry.Crossing(on, below, a, b));
        Assert.Null(PlanarGeometry.Crossing(on, above, a, b));

        Assert.Equal(CrossingDirection.BToA, PlanarGeometry.Crossing(below, on, a, b));
        Assert.Null(PlanarGeometry.Crossing(on, above, a, b));
    }

    [Fact]
    public void Bow_tie_is_self_intersecting_and_simple_shapes_are_not()
    {
        PixelPoint[] bowTie = [new(0, 0), new(100, 100), new(100, 0), new(0, 100)];

        Assert.Equal((0, 2), PlanarGeometry.FindSelfIntersection(bowTie));
        Assert.Null(PlanarGeometry.FindSelfIntersection(Square));
        Assert.Null(PlanarGeometry.FindSelfIntersection(UShape));
    }

    [Fact]
    public void Polygon_folding_back_on_itself_is_self_intersecting()
    {
        PixelPoint[] spike = [new(0, 0), new(100, 0), new(50, 0), new(50, 100)];

        Assert.NotNull(PlanarGeometry.FindSelfIntersection(spike));
    }
}
