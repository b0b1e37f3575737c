using System.Text.Json.Nodes;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Domains;

/// <summary>The points an analysis looked at: vectors prepared by <see cref="VectorSpace"/>, with ids and payloads in row order.</summary>
public sealed record AnalysisSample(VectorSet Vectors, IReadOnlyList<string> Ids, IReadOnlyList<JsonObject?> Payloads);
