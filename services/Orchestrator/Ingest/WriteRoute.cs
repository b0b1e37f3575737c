namespace MultiCluster.Orchestrator.Ingest;

/// <summary>Where a point goes: its domain's collection on every cluster a write must reach (primary first).</summary>
public sealed record WriteRoute(string DomainId, string Collection, IReadOnlyList<string> Clusters);
