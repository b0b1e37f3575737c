namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// Minimises a function of up to three weights in [0, 1]: a coarse grid (step 0.1), then two finer grids around the
/// best point (steps 0.02, then 0.005). One-step squared error surfaces of exponential smoothing are smooth and
/// mostly single-basined on [0, 1]^k, so the grid finds the basin a local method could miss from a bad start, and
/// the refinement gets within 0.005 of its bottom; a few thousand filter passes in all.
/// </summary>
public static class ParameterSearch
{
    public static double[] Minimize(int dimensions, Func<double[], double> cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, 3);
        var best = Enumerable.Repeat(0.5, dimensions).ToArray();
        var bestCost = double.PositiveInfinity;
        foreach (var (step, radius) in new[] { (0.1, 0.5), (0.02, 0.1), (0.005, 0.02) })
        {
            var center = (double[])best.Clone();
            var points = (int)Math.Round(radius / step);
            foreach (var offsets in Grid(dimensions, points))
            {
                var candidate = new double[dimensions];
                for (var d = 0; d < dimensions; d++)
                {
                    candidate[d] = Math.Clamp(center[d] + (offsets[d] * step), 0, 1);
                }

                var value = cost(candidate);
                if (value < bestCost)
                {
                    (best, bestCost) = (candidate, value);
                }
            }
        }

        return best;
    }

    private static IEnumerable<int[]> Grid(int dimensions, int points)
    {
        var offsets = Enumerable.Repeat(-points, dimensions).ToArray();
        while (true)
        {
            yield return (int[])offsets.Clone();
            var d = 0;
            while (d < dimensions && ++offsets[d] > points)
            {
                offsets[d++] = -points;
            }

            if (d == dimensions)
            {
                yield break;
            }
        }
    }
}
