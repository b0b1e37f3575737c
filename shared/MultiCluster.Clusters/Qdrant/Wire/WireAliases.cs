namespace MultiCluster.Clusters.Qdrant.Wire;

// Alias shapes of Qdrant's REST API (OpenAPI: ChangeAliasesOperation, AliasOperations, CollectionsAliasesResponse).

/// <summary>POST /collections/aliases body; the actions apply atomically, in order.</summary>
internal sealed record WireChangeAliases
{
    public required List<WireAliasAction> Actions { get; init; }
}

/// <summary>One of create_alias or delete_alias.</summary>
internal sealed record WireAliasAction
{
    public WireCreateAlias? CreateAlias { get; init; }

    public WireDeleteAlias? DeleteAlias { get; init; }
}

/// <summary>CreateAlias.</summary>
internal sealed record WireCreateAlias
{
    public required string CollectionName { get; init; }

    public required string AliasName { get; init; }
}

/// <summary>DeleteAlias.</summary>
internal sealed record WireDeleteAlias
{
    public required string AliasName { get; init; }
}

/// <summary>GET /aliases result.</summary>
internal sealed record WireAliasList
{
    public List<WireAliasDescription> Aliases { get; init; } = [];
}

/// <summary>AliasDescription.</summary>
internal sealed record WireAliasDescription
{
    public string AliasName { get; init; } = "";

    public string CollectionName { get; init; } = "";
}
