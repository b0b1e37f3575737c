namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Shares of a whole as whole numbers that add up to it exactly (Hamilton's method): every part gets the floor of its
/// quota, and the units left over go to the largest remainders. Rounding each share alone would let domain counts
/// drift off the library's total by a few points per version.
/// </summary>
internal static class LargestRemainder
{
    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/>; ties go to the earlier part.</summary>
    public static long[] Apportion(IReadOnlyList<long> weights, long total)
    {
        var sum = weights.Sum();
        var result = new long[weights.Count];
        if (sum <= 0 || total <= 0)
        {
            return result;
        }

        var remainders = new (double Remainder, int Index)[weights.Count];
        var given = 0L;
        for (var i = 0; i < weights.Count; i++)
        {
            // Exact in decimal for any realistic library (< 7.9e28 points): no double rounding can lose a unit.
            var quota = (decimal)weights[i] * total / sum;
            result[i] = (long)decimal.Floor(quota);
            remainders[i] = ((double)(quota - result[i]), i);
            given += result[i];
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(total - given)))
        {
            result[index]++;
        }

        return result;
    }
}
