using System.Text.Json.Nodes;
using Google.Protobuf;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Sampling;

namespace MultiCluster.Discovery.Analysis;

/// <summary>Points given in AnalyzeDomainsRequest.points, checked against the library and turned into a sample.</summary>
public static class InlinePoints
{
    public const int MaxPoints = 100_000;

    /// <summary>The points as a sample; a point of the wrong dimension or with a value that is not finite is refused, named.</summary>
    public static LibrarySample ToSample(IReadOnlyList<Point> points, string library, int dimension)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count > MaxPoints)
        {
            throw new DiscoveryRequestException($"points: {points.Count} points given; at most {MaxPoints} per request (or leave points empty to sample the library).");
        }

        var data = new float[points.Count * dimension];
        var ids = new string[points.Count];
        var payloads = new JsonObject?[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var vector = points[i].Vector;
            if (vector.Count != dimension)
            {
                throw new DiscoveryRequestException(
                    $"points[{i}].vector: {vector.Count} values, but library '{library}' has dimension {dimension}; every point needs exactly {dimension}.");
            }

            for (var j = 0; j < dimension; j++)
            {
                if (!float.IsFinite(vector[j]))
                {
                    throw new DiscoveryRequestException($"points[{i}].vector[{j}]: {vector[j]} is not a finite number; vectors must hold finite values only.");
                }

                data[(i * dimension) + j] = vector[j];
            }

            ids[i] = string.IsNullOrEmpty(points[i].Id) ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : points[i].Id;
            payloads[i] = points[i].Payload is { } payload ? ToJson(payload) : null;
        }

        return new LibrarySample(new VectorSet(data, dimension), ids, payloads, null);
    }

    // A payload that does not convert (too deep, a value JSON cannot hold) only costs the point its keywords.
    private static JsonObject? ToJson(Google.Protobuf.WellKnownTypes.Struct payload)
    {
        try
        {
            return JsonNode.Parse(JsonFormatter.Default.Format(payload)) as JsonObject;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }
}
