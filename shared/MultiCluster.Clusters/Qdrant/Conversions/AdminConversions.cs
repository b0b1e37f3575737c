using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>Aliases and snapshots between the port's records and Qdrant's gRPC messages.</summary>
internal static class AdminConversions
{
    /// <summary>Delete then create in one request: Qdrant applies the actions of one request atomically.</summary>
    public static G.ChangeAliases Switch(string alias, string collection) => new()
    {
        Actions = { DeleteAction(alias), CreateAction(alias, collection) },
    };

    public static G.ChangeAliases Create(string alias, string collection) => new() { Actions = { CreateAction(alias, collection) } };

    public static G.ChangeAliases Delete(string alias) => new() { Actions = { DeleteAction(alias) } };

    public static IReadOnlyList<AliasInfo> FromGrpc(G.ListAliasesResponse response) =>
        [.. response.Aliases.Select(a => new AliasInfo(a.AliasName, a.CollectionName))];

    public static SnapshotInfo FromGrpc(G.SnapshotDescription snapshot) => new(
        snapshot.Name,
        snapshot.CreationTime is { } created ? new DateTimeOffset(created.ToDateTime()) : null,
        snapshot.Size,
        snapshot.HasChecksum ? snapshot.Checksum : null);

    private static G.AliasOperations CreateAction(string alias, string collection) =>
        new() { CreateAlias = new G.CreateAlias { AliasName = alias, CollectionName = collection } };

    private static G.AliasOperations DeleteAction(string alias) =>
        new() { DeleteAlias = new G.DeleteAlias { AliasName = alias } };
}
