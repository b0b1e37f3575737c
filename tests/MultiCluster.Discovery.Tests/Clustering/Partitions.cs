namespace MultiCluster.Discovery.Tests.Clustering;

/// <summary>Comparing labellings up to the names of their clusters.</summary>
internal static class Partitions
{
    /// <summary>
    /// True when the two labellings group the rows identically; noise (-1) must be noise on both sides.
    /// </summary>
    public static bool Same(int[] ours, int[] theirs)
    {
        if (ours.Length != theirs.Length)
        {
            return false;
        }

        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        for (var i = 0; i < ours.Length; i++)
        {
            if ((ours[i] == -1) != (theirs[i] == -1))
            {
                return false;
            }

            if (forward.TryGetValue(ours[i], out var mapped) ? mapped != theirs[i] : !forward.TryAdd(ours[i], theirs[i]))
            {
                return false;
            }

            if (backward.TryGetValue(theirs[i], out var back) ? back != ours[i] : !backward.TryAdd(theirs[i], ours[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Labels of the rows [from, from + count) when they all share one, else null.</summary>
    public static int? CommonLabel(int[] labels, int from, int count)
    {
        var first = labels[from];
        return labels.Skip(from).Take(count).All(l => l == first) ? first : null;
    }
}
