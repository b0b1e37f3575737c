namespace MultiCluster.LocalCluster.Storage.Catalog;

/// <summary>One change to the alias table; a list of them applies all or nothing.</summary>
public abstract record AliasAction;

/// <summary>Points <paramref name="Alias"/> at <paramref name="Collection"/> (replacing where it pointed, as Qdrant does).</summary>
public sealed record CreateAlias(string Alias, string Collection) : AliasAction;

/// <summary>Removes an alias; removing one that does not exist is not an error.</summary>
public sealed record DeleteAlias(string Alias) : AliasAction;

/// <summary>Renames an existing alias.</summary>
public sealed record RenameAlias(string OldAlias, string NewAlias) : AliasAction;
