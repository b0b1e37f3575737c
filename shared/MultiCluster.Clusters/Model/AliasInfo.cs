namespace MultiCluster.Clusters;

/// <summary>An alternative name under which a collection answers every read and write.</summary>
public sealed record AliasInfo(string Alias, string Collection);
