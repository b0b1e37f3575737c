using System.Globalization;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Keeps domain ids stable across map versions: a new cluster takes the id of the previous domain whose centroid is
/// nearest, when that domain is within reach, and every other cluster gets a fresh id ("d0001", "d0002", …) above
/// every id the library has used, so an id never comes back to name a different domain.
/// </summary>
internal sealed class DomainLineage
{
    private readonly Distance _distance;
    private readonly double _driftDistance;
    private int _lastIssued;

    /// <param name="usedIds">Ids the previous map and any earlier one used; none is issued again.</param>
    /// <param name="distance">The library's distance, in which centroids are compared.</param>
    /// <param name="driftDistance">Movement reported as drift; a domain may move twice that and keep its id.</param>
    public DomainLineage(IEnumerable<string> usedIds, Distance distance, double driftDistance)
    {
        _distance = distance;
        _driftDistance = driftDistance;
        _lastIssued = usedIds.Select(Number).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// The previous domain each centroid continues, or null. Greedy over all pairs from the closest: with the few
    /// dozen domains a map holds it agrees with an optimal assignment except in near ties, and it is deterministic.
    /// A pair is within reach when the centroid moved at most twice the drift distance, or stayed inside the old
    /// domain's radius (for broad domains, whose centroid wanders more with the sample).
    /// </summary>
    public string?[] Match(IReadOnlyList<float[]> centroids, IReadOnlyList<Domain> previous)
    {
        var pairs = new List<(double Distance, int New, int Old)>();
        for (var n = 0; n < centroids.Count; n++)
        {
            for (var o = 0; o < previous.Count; o++)
            {
                if (previous[o].Centroid.Count != centroids[n].Length)
                {
                    continue;
                }

                var d = CentroidMath.Distance(centroids[n], CentroidMath.Span(previous[o]), _distance);
                if (d <= Math.Max(2 * _driftDistance, previous[o].Radius))
                {
                    pairs.Add((d, n, o));
                }
            }
        }

        var matched = new string?[centroids.Count];
        var taken = new bool[previous.Count];
        foreach (var (_, n, o) in pairs.OrderBy(p => p.Distance).ThenBy(p => p.New).ThenBy(p => p.Old))
        {
            if (matched[n] is null && !taken[o])
            {
                matched[n] = previous[o].DomainId;
                taken[o] = true;
            }
        }

        return matched;
    }

    /// <summary>The next id no map of the library has used.</summary>
    public string NextId() => FormatId(++_lastIssued);

    public static string FormatId(int number) => "d" + number.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The number of a "dNNNN" id; 0 for ids of any other form (they cannot collide with issued ones).</summary>
    private static int Number(string id) =>
        id.Length > 1 && id[0] == 'd' && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
