namespace MultiCluster.Orchestrator.Ingest;

/// <summary>One domain collection of a library on one cluster.</summary>
public sealed record CollectionCopy(string DomainId, string Collection, string Cluster);
