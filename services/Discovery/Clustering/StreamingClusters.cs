using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// The centroids a stream keeps, each with the (decayed) number of points it has absorbed. Weights make the update a
/// running mean (learning rate = batch share of the weight), and decay keeps that rate from falling to zero, so the
/// centroids follow drifting data and a cluster nobody feeds fades.
/// </summary>
internal sealed class StreamingClusters
{
    /// <summary>A cluster below this share of all the weight, fed nothing in a batch, is noise or history, not a domain.</summary>
    public const double FadedShare = 1e-3;

    private readonly int _dimension;
    private readonly List<float[]> _centroids = [];
    private readonly List<double> _weights = [];

    public StreamingClusters(int dimension) => _dimension = dimension;

    public int Count => _centroids.Count;

    public void Add(ReadOnlySpan<float> centroid, double weight)
    {
        _centroids.Add(centroid.ToArray());
        _weights.Add(weight);
    }

    public float[] Flat()
    {
        var flat = new float[Count * _dimension];
        for (var j = 0; j < Count; j++)
        {
            _centroids[j].CopyTo(flat, j * _dimension);
        }

        return flat;
    }

    public double[] Weights() => [.. _weights];

    public void Decay(double decay)
    {
        for (var j = 0; j < Count; j++)
        {
            _weights[j] *= decay;
        }
    }

    /// <summary>Moves every fed centroid to the running mean c ← (w c + S) / (w + m) of what it has absorbed.</summary>
    public void Absorb(ClusterSums batch)
    {
        var mean = new double[_dimension];
        for (var j = 0; j < Count; j++)
        {
            var members = batch.Counts[j];
            if (members == 0)
            {
                continue;
            }

            TensorPrimitives.ConvertTruncating<float, double>(_centroids[j], mean);
            TensorPrimitives.Multiply(mean, _weights[j], mean);
            TensorPrimitives.Add(mean, batch.Sums.AsSpan(j * _dimension, _dimension), mean);
            _weights[j] += members;
            TensorPrimitives.Divide(mean, _weights[j], mean);
            TensorPrimitives.ConvertTruncating<double, float>(mean, _centroids[j]);
        }
    }

    /// <summary>
    /// Merges the closest pair until at most <paramref name="maxClusters"/> remain. "Closest" is Ward's cost
    /// w₁w₂/(w₁+w₂)·‖c₁ − c₂‖², the inertia a merge adds: a lone new point merges into its neighbour before two
    /// established domains are fused, which plain centroid distance would not guarantee.
    /// </summary>
    public int MergeDownTo(int maxClusters)
    {
        var merges = 0;
        while (Count > maxClusters)
        {
            var (first, second) = (0, 1);
            var cheapest = double.PositiveInfinity;
            for (var a = 0; a < Count; a++)
            {
                for (var b = a + 1; b < Count; b++)
                {
                    double distance = TensorPrimitives.Distance(_centroids[a], _centroids[b]);
                    var total = _weights[a] + _weights[b];
                    var cost = total > 0 ? _weights[a] * _weights[b] / total * distance * distance : 0;
                    if (cost < cheapest)
                    {
                        (cheapest, first, second) = (cost, a, b);
                    }
                }
            }

            var weight = _weights[first] + _weights[second];
            var share = weight > 0 ? _weights[second] / weight : 0.5;
            // c₁ + share·(c₂ − c₁): the weighted mean of the two.
            var step = new float[_dimension];
            TensorPrimitives.Subtract(_centroids[second], _centroids[first], step);
            TensorPrimitives.MultiplyAdd(step, (float)share, _centroids[first], _centroids[first]);
            _weights[first] = weight;
            _centroids.RemoveAt(second);
            _weights.RemoveAt(second);
            merges++;
        }

        return merges;
    }

    /// <summary>Drops clusters fed nothing this batch whose weight has faded under <see cref="FadedShare"/> of the total; never the last one.</summary>
    public int DropFaded(bool[] fed)
    {
        var total = _weights.Sum();
        var dropped = 0;
        for (var j = Count - 1; j >= 0 && Count > 1; j--)
        {
            if (!fed[j] && _weights[j] < FadedShare * total)
            {
                _centroids.RemoveAt(j);
                _weights.RemoveAt(j);
                dropped++;
            }
        }

        return dropped;
    }
}
