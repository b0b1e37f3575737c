using MultiCluster.Clusters.Qdrant.Conversions;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant;

// Aliases: qdrant.Collections UpdateAliases (atomic action lists) and ListAliases.
public sealed partial class QdrantCluster
{
    public Task CreateAliasAsync(string aliasName, string collection, CancellationToken cancellationToken = default)
    {
        _validate.Alias("create alias", aliasName, collection);
        return ChangeAliasesAsync("create alias", collection, AdminConversions.Create(aliasName, collection), cancellationToken);
    }

    public Task SwitchAliasAsync(string aliasName, string collection, CancellationToken cancellationToken = default)
    {
        _validate.Alias("switch alias", aliasName, collection);
        return ChangeAliasesAsync("switch alias", collection, AdminConversions.Switch(aliasName, collection), cancellationToken);
    }

    public Task DeleteAliasAsync(string aliasName, CancellationToken cancellationToken = default)
    {
        _validate.Alias("delete alias", aliasName, null);
        return ChangeAliasesAsync("delete alias", aliasName, AdminConversions.Delete(aliasName), cancellationToken);
    }

    public Task<IReadOnlyList<AliasInfo>> ListAliasesAsync(CancellationToken cancellationToken = default) =>
        _grpc.CallAsync(new QdrantCall("list aliases", null, CallKind.Idempotent), o => _channels.Grpc.Collections.ListAliasesAsync(new G.ListAliasesRequest(), o), AdminConversions.FromGrpc, cancellationToken);

    private Task<bool> ChangeAliasesAsync(string operation, string subject, G.ChangeAliases actions, CancellationToken cancellationToken) =>
        _grpc.CallAsync(new QdrantCall(operation, subject, CallKind.Once), o => _channels.Grpc.Collections.UpdateAliasesAsync(actions, o), r => r.Result, cancellationToken);
}
