using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Lloyd's k-means with Hamerly's bounds (Hamerly 2010): per row an upper bound on the distance to its own centroid
/// and one lower bound on the distance to every other; per centroid half the distance to its nearest other centroid.
/// A row whose upper bound is below both cannot change cluster and costs nothing; after the first few iterations that
/// is most rows, so an iteration reads only the rows near a boundary. The assignments are exactly Lloyd's (the bounds
/// only skip work whose outcome is known); centroid sums are kept and updated by the rows that moved.
/// </summary>
internal static class HamerlyLloyd
{
    /// <summary>Runs to convergence or the cap; <c>onIteration</c> hears, before each update, the iteration and the inertia of the current labels.</summary>
    public static LloydRun Run(
        VectorSet data, float[] norms, float[] initial, int maxIterations, double tolerance, Action<int, double>? onIteration, CancellationToken cancellationToken)
    {
        var dimension = data.Dimension;
        var k = initial.Length / dimension;
        var state = new State(data, norms, (float[])initial.Clone(), k);
        state.AssignAll();

        var previous = new float[k * dimension];
        var moved = new double[k];
        var iterations = 0;
        while (iterations < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state.RelocateEmpty();
            iterations++;
            onIteration?.Invoke(iterations, state.InertiaFromSums());

            state.Centroids.CopyTo(previous, 0);
            var largest = 0.0;
            for (var j = 0; j < k; j++)
            {
                var centroid = state.Centroids.AsSpan(j * dimension, dimension);
                state.Sums.MeanInto(j, centroid);
                moved[j] = TensorPrimitives.Distance(previous.AsSpan(j * dimension, dimension), centroid);
                largest = Math.Max(largest, moved[j]);
            }

            if (largest == 0)
            {
                break;
            }

            state.UpdateBounds(moved);
            var changed = state.Assign();
            if (largest <= tolerance || changed == 0)
            {
                // Converged; the last assignment already made the labels those of the final centroids (as scikit-learn's final E-step does).
                break;
            }
        }

        return new LloydRun(state.Labels, state.Centroids, iterations);
    }

    private sealed class State(VectorSet data, float[] norms, float[] centroids, int k)
    {
        private readonly int _dimension = data.Dimension;
        private readonly float[] _centroidNorms = new float[k];
        private readonly double[] _upper = new double[data.Count];
        private readonly double[] _lower = new double[data.Count];
        private readonly double[] _half = new double[k];
        private readonly double _sumOfNorms = RowChunks.Sum(data.Count, (start, end) =>
        {
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += norms[i];
            }

            return sum;
        });

        public float[] Centroids { get; } = centroids;

        public int[] Labels { get; } = new int[data.Count];

        public ClusterSums Sums { get; } = new(k, data.Dimension);

        /// <summary>Full assignment: every distance, exact bounds.</summary>
        public void AssignAll()
        {
            DistanceKernels.SquaredNorms(Centroids, _dimension, _centroidNorms);
            RowChunks.For(data.Count, (_, start, end) =>
            {
                var distances = new float[k];
                for (var i = start; i < end; i++)
                {
                    DistanceKernels.SquaredDistances(data[i], norms[i], Centroids, _centroidNorms, distances);
                    (Labels[i], _upper[i], _lower[i]) = NearestTwo(distances);
                }
            });
            var moves = new RowMove[data.Count];
            for (var i = 0; i < moves.Length; i++)
            {
                moves[i] = new RowMove(i, -1, Labels[i]);
            }

            Sums.Apply(data, moves);
        }

        /// <summary>Hamerly's step; returns how many rows changed cluster (their moves are applied to the sums).</summary>
        public int Assign()
        {
            DistanceKernels.SquaredNorms(Centroids, _dimension, _centroidNorms);
            HalfSeparations();
            var chunkMoves = new List<RowMove>?[RowChunks.Count(data.Count)];
            RowChunks.For(data.Count, (chunk, start, end) =>
            {
                var distances = new float[k];
                List<RowMove>? local = null;
                for (var i = start; i < end; i++)
                {
                    var own = Labels[i];
                    var bound = Math.Max(_half[own], _lower[i]);
                    if (_upper[i] <= bound)
                    {
                        continue;
                    }

                    // Tighten the upper bound with the one exact distance before paying for all k.
                    DistanceKernels.SquaredDistances(data[i], norms[i], Centroids.AsSpan(own * _dimension, _dimension), _centroidNorms.AsSpan(own, 1), distances);
                    _upper[i] = Math.Sqrt(distances[0]);
                    if (_upper[i] <= bound)
                    {
                        continue;
                    }

                    DistanceKernels.SquaredDistances(data[i], norms[i], Centroids, _centroidNorms, distances);
                    int nearest;
                    (nearest, _upper[i], _lower[i]) = NearestTwo(distances);
                    if (nearest != own)
                    {
                        Labels[i] = nearest;
                        (local ??= []).Add(new RowMove(i, own, nearest));
                    }
                }

                chunkMoves[chunk] = local;
            });

            var moves = new List<RowMove>();
            foreach (var local in chunkMoves)
            {
                if (local is not null)
                {
                    moves.AddRange(local);
                }
            }

            Sums.Apply(data, moves);
            return moves.Count;
        }

        /// <summary>Centroids moved by <paramref name="moved"/>: own distances can have grown by that much, others shrunk by at most the largest other move.</summary>
        public void UpdateBounds(double[] moved)
        {
            var first = TensorPrimitives.IndexOfMax(moved);
            var largest = moved[first];
            var second = 0.0;
            for (var j = 0; j < moved.Length; j++)
            {
                if (j != first)
                {
                    second = Math.Max(second, moved[j]);
                }
            }

            RowChunks.For(data.Count, (_, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    var own = Labels[i];
                    _upper[i] += moved[own];
                    _lower[i] -= own == first ? second : largest;
                }
            });
        }

        /// <summary>
        /// Inertia of the current labels against the current centroids from the cluster sums alone:
        /// Σ‖x‖² − 2 Σⱼ cⱼ·Sⱼ + Σⱼ nⱼ‖cⱼ‖², in double. O(k·d) instead of a pass over the rows; for progress reports only.
        /// </summary>
        public double InertiaFromSums()
        {
            var total = _sumOfNorms;
            var centroid = new double[_dimension];
            for (var j = 0; j < k; j++)
            {
                TensorPrimitives.ConvertTruncating<float, double>(Centroids.AsSpan(j * _dimension, _dimension), centroid);
                total += (Sums.Counts[j] * TensorPrimitives.Dot<double>(centroid, centroid))
                    - (2 * TensorPrimitives.Dot<double>(centroid, Sums.Sums.AsSpan(j * _dimension, _dimension)));
            }

            return Math.Max(0, total);
        }

        /// <summary>
        /// An empty cluster takes the row farthest from its own centroid (among clusters that can spare one), as
        /// scikit-learn does: that row is the worst served, and the move lowers the inertia most.
        /// </summary>
        public void RelocateEmpty()
        {
            var empty = new List<int>();
            for (var j = 0; j < k; j++)
            {
                if (Sums.Counts[j] == 0)
                {
                    empty.Add(j);
                }
            }

            if (empty.Count == 0)
            {
                return;
            }

            var distances = new float[data.Count];
            RowChunks.For(data.Count, (_, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    distances[i] = TensorPrimitives.Distance(data[i], Centroids.AsSpan(Labels[i] * _dimension, _dimension));
                }
            });
            var order = new int[data.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            // Farthest first; ties by row so the choice is deterministic.
            Array.Sort(order, (a, b) => distances[b] != distances[a] ? distances[b].CompareTo(distances[a]) : a.CompareTo(b));
            var next = 0;
            foreach (var cluster in empty)
            {
                while (next < order.Length && Sums.Counts[Labels[order[next]]] <= 1)
                {
                    next++;
                }

                if (next == order.Length)
                {
                    break;
                }

                var row = order[next++];
                Sums.Apply(data, [new RowMove(row, Labels[row], cluster)]);
                Labels[row] = cluster;
                _upper[row] = 0;
                data[row].CopyTo(Centroids.AsSpan(cluster * _dimension, _dimension));
            }

            // A centroid appeared somewhere new: no lower bound survives that.
            Array.Clear(_lower);
        }

        private void HalfSeparations()
        {
            Array.Fill(_half, double.PositiveInfinity);
            for (var a = 0; a < k; a++)
            {
                for (var b = a + 1; b < k; b++)
                {
                    var half = TensorPrimitives.Distance(Centroids.AsSpan(a * _dimension, _dimension), Centroids.AsSpan(b * _dimension, _dimension)) / 2.0;
                    _half[a] = Math.Min(_half[a], half);
                    _half[b] = Math.Min(_half[b], half);
                }
            }
        }

        /// <summary>Index of the smallest squared distance (first on ties), its distance and the second smallest distance.</summary>
        private static (int Nearest, double Distance, double Second) NearestTwo(ReadOnlySpan<float> squared)
        {
            var nearest = 0;
            var best = squared[0];
            var second = float.PositiveInfinity;
            for (var j = 1; j < squared.Length; j++)
            {
                var value = squared[j];
                if (value < best)
                {
                    second = best;
                    best = value;
                    nearest = j;
                }
                else if (value < second)
                {
                    second = value;
                }
            }

            return (nearest, Math.Sqrt(best), Math.Sqrt(second));
        }
    }
}
