namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// DBSCAN with scikit-learn's semantics: a neighbour is within distance ≤ ε, a row counts itself, a core row has at
/// least <c>MinPoints</c> neighbours; clusters grow depth-first from core rows taken in row order, and a border row
/// joins the first cluster that reaches it; the rest is noise (<see cref="ClusteringResult.Unassigned"/>). ε = 0 is
/// estimated as the knee of the sorted <c>MinPoints</c>-distance curve.
/// </summary>
public sealed class DbscanStrategy : IClusteringStrategy
{
    /// <summary>Above this many rows the knee is read from a seeded sample of query rows (measured against all rows).</summary>
    internal const int KneeQueryLimit = 5_000;

    public ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        var dbscan = StrategyInput.Require<DbscanOptions>(data, options, nameof(DbscanStrategy));
        Validate(data, dbscan);
        var seed = dbscan.Seed != 0 ? dbscan.Seed : SeededRandom.PickSeed();
        var gate = new ProgressGate(progress);
        var epsilon = dbscan.Epsilon > 0 ? (float)dbscan.Epsilon : EstimateEpsilon(data, dbscan.MinPoints, seed, gate, cancellationToken);

        var neighbours = NeighbourSearch.WithinRadius(data, epsilon, dbscan.MinPoints, gate, cancellationToken);
        var labels = Expand(neighbours, dbscan.MinPoints, cancellationToken);
        var clusters = ClusterMeans.Compact(labels);
        var centroids = ClusterMeans.Centroids(data, labels, clusters);
        gate.Report(new ClusteringProgress("done", data.Count, data.Count, "points"), true);
        return new ClusteringResult(labels, centroids, ClusterMeans.Inertia(data, labels, centroids), 1, dbscan with { Seed = seed, Epsilon = epsilon });
    }

    /// <summary>ε as the knee of the sorted distances to each row's <paramref name="minPoints"/>-th nearest row (itself first).</summary>
    internal static float EstimateEpsilon(VectorSet data, int minPoints, ulong seed, ProgressGate gate, CancellationToken cancellationToken)
    {
        var queries = SampleRows(data.Count, KneeQueryLimit, seed);
        var kDistances = NeighbourSearch.KthDistances(data, queries, minPoints, gate, cancellationToken);
        var epsilon = KDistanceKnee.Find(kDistances);

        // Identical rows give a knee of 0, which would leave every other row noise; the smallest positive k-distance
        // is then the closest radius that still means something.
        if (epsilon <= 0)
        {
            var positive = kDistances.Where(d => d > 0).DefaultIfEmpty(float.Epsilon).Min();
            epsilon = positive;
        }

        return epsilon;
    }

    /// <summary>Every row when there are at most <paramref name="limit"/>, else a seeded sample of them, ascending.</summary>
    private static int[] SampleRows(int count, int limit, ulong seed)
    {
        var sample = count <= limit ? [.. Enumerable.Range(0, count)] : SeededRandom.For(seed, stream: 1).Sample(count, limit);
        Array.Sort(sample);
        return sample;
    }

    /// <summary>
    /// scikit-learn's <c>dbscan_inner</c>: depth-first growth from each unlabelled core row in row order. A row is
    /// core when its list holds at least <paramref name="minPoints"/> rows (non-core rows may come with empty lists).
    /// </summary>
    internal static int[] Expand(int[][] neighbours, int minPoints, CancellationToken cancellationToken)
    {
        var n = neighbours.Length;
        var labels = new int[n];
        Array.Fill(labels, ClusteringResult.Unassigned);
        var stack = new Stack<int>();
        var next = 0;
        for (var start = 0; start < n; start++)
        {
            if (labels[start] != ClusteringResult.Unassigned || neighbours[start].Length < minPoints)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var row = start;
            while (true)
            {
                if (labels[row] == ClusteringResult.Unassigned)
                {
                    labels[row] = next;
                    if (neighbours[row].Length >= minPoints)
                    {
                        foreach (var neighbour in neighbours[row])
                        {
                            if (labels[neighbour] == ClusteringResult.Unassigned)
                            {
                                stack.Push(neighbour);
                            }
                        }
                    }
                }

                if (!stack.TryPop(out row))
                {
                    break;
                }
            }

            next++;
        }

        return labels;
    }

    private static void Validate(VectorSet data, DbscanOptions options)
    {
        if (!double.IsFinite(options.Epsilon) || options.Epsilon < 0)
        {
            throw new ArgumentException($"epsilon: must be a finite distance ≥ 0 (0 estimates it from the k-distance knee); got {options.Epsilon}.", nameof(options));
        }

        if (options.MinPoints < 1 || options.MinPoints > data.Count)
        {
            throw new ArgumentException($"min_points: must be in [1, {data.Count}] (the number of rows); got {options.MinPoints}.", nameof(options));
        }
    }
}
