using Platform.Grains.Interfaces.Rules;

namespace Platform.Grains.Geometry;

/// <summary>
/// Zone and line tests in pixel coordinates (x right, y down). Inputs are pixel values (integers or halves
/// from bbox centres), for which these products are exact in doubles; a tiny tolerance covers the rest.
/// </summary>
public static class PlanarGeometry
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// cross(B − A, P − A). On screen (y down) it is positive when P is on the right-hand side of a walker
    /// going from A to B, negative on the left-hand side, zero on the line.
    /// </summary>
    public static double Cross(PixelPoint a, PixelPoint b, PixelPoint p) =>
        ((b.X - a.X) * (p.Y - a.Y)) - ((b.Y - a.Y) * (p.X - a.X));

    /// <summary>Where an object stands: the middle of the bottom edge of its box.</summary>
    public static PixelPoint BottomCentre(double left, double right, double bottom) => new((left + right) / 2, bottom);

    public static bool IsOnSegment(PixelPoint p, PixelPoint a, PixelPoint b) =>
        Math.Abs(Cross(a, b, p)) <= Tolerance
        && p.X >= Math.Min(a.X, b.X) - Tolerance && p.X <= Math.Max(a.X, b.X) + Tolerance
        && p.Y >= Math.Min(a.Y, b.Y) - Tolerance && p.Y <= Math.Max(a.Y, b.Y) + Tolerance;

    /// <summary>
    /// Point in polygon (convex or concave), boundary inclusive: a point on an edge or a vertex is inside, so
    /// an object standing on the border of two adjacent zones is in both. Elsewhere, even-odd ray casting
    /// with half-open edges, so a ray through a vertex is counted once.
    /// </summary>
    public static bool IsInside(PixelPoint p, ReadOnlySpan<PixelPoint> polygon)
    {
        if (polygon.Length < 3)
        {
            return false;
        }

        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            if (IsOnSegment(p, polygon[j], polygon[i]))
            {
                return true;
            }
        }

        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var pi = polygon[i];
            var pj = polygon[j];
            if ((pi.Y > p.Y) != (pj.Y > p.Y))
            {
                var x = ((pj.X - pi.X) * (p.Y - pi.Y) / (pj.Y - pi.Y)) + pi.X;
                if (p.X < x)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>
    /// Whether the path <paramref name="from"/>→<paramref name="to"/> crosses the line A–B, and which way (see
    /// <see cref="CrossingDirection"/>). A point exactly on the line counts as the left-hand side, so an
    /// object that steps onto the line and back has not crossed, and one that steps onto it and on has
    /// crossed exactly once. Touching the segment at A or B counts.
    /// </summary>
    public static CrossingDirection? Crossing(PixelPoint from, PixelPoint to, PixelPoint a, PixelPoint b)
    {
        var wasRight = Cross(a, b, from) > Tolerance;
        var isRight = Cross(a, b, to) > Tolerance;
        if (wasRight == isRight)
        {
            return null;
        }

        // The path straddles the infinite line; it crosses the segment only if A and B are not both on one side of the path.
        var da = Cross(from, to, a);
        var db = Cross(from, to, b);
        if ((da > Tolerance && db > Tolerance) || (da < -Tolerance && db < -Tolerance))
        {
            return null;
        }

        return isRight ? CrossingDirection.AToB : CrossingDirection.BToA;
    }

    /// <summary>Closed segments p1–p2 and p3–p4 share at least one point (touching counts).</summary>
    public static bool SegmentsIntersect(PixelPoint p1, PixelPoint p2, PixelPoint p3, PixelPoint p4)
    {
        var d1 = Sign(Cross(p3, p4, p1));
        var d2 = Sign(Cross(p3, p4, p2));
        var d3 = Sign(Cross(p1, p2, p3));
        var d4 = Sign(Cross(p1, p2, p4));
        if (d1 * d2 < 0 && d3 * d4 < 0)
        {
            return true;
        }

        return (d1 == 0 && IsOnSegment(p1, p3, p4))
            || (d2 == 0 && IsOnSegment(p2, p3, p4))
            || (d3 == 0 && IsOnSegment(p3, p1, p2))
            || (d4 == 0 && IsOnSegment(p4, p1, p2));
    }

    /// <summary>Twice the signed area (shoelace); zero for a degenerate polygon.</summary>
    public static double DoubleArea(ReadOnlySpan<PixelPoint> polygon)
    {
        var sum = 0.0;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            sum += (polygon[j].X * polygon[i].Y) - (polygon[i].X * polygon[j].Y);
        }

        return sum;
    }

    /// <summary>
    /// The first pair of edges (edge i runs from vertex i to vertex i+1) that meet where they should not: non-adjacent
    /// edges that touch or cross, or adjacent edges that fold back onto each other. Null for a simple polygon.
    /// </summary>
    public static (int First, int Second)? FindSelfIntersection(ReadOnlySpan<PixelPoint> polygon)
    {
        var n = polygon.Length;
        for (var i = 0; i < n; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % n];
            var c = polygon[(i + 2) % n];

            // Adjacent edges a–b and b–c overlap when they are collinear and c turns back towards a.
            if (n > 2 && Math.Abs(Cross(a, b, c)) <= Tolerance && (((b.X - a.X) * (c.X - b.X)) + ((b.Y - a.Y) * (c.Y - b.Y))) < 0)
            {
                return (i, (i + 1) % n);
            }

            for (var j = i + 2; j < n; j++)
            {
                if (i == 0 && j == n - 1)
                {
                    continue; // the last edge is adjacent to the first
                }

                if (SegmentsIntersect(a, b, polygon[j], polygon[(j + 1) % n]))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    private static int Sign(double value) => value > Tolerance ? 1 : value < -Tolerance ? -1 : 0;
}
