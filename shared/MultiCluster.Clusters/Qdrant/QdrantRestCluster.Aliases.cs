using MultiCluster.Clusters.Qdrant.Conversions;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant;

// Aliases: POST /collections/aliases (atomic action lists), GET /aliases.
public sealed partial class QdrantRestCluster
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

    public Task<IReadOnlyList<AliasInfo>> ListAliasesAsync(CancellationToken cancellationToken = default)
    {
        var call = new QdrantCall("list aliases", HttpMethod.Get, "aliases", null, CallKind.Idempotent);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseWireAliasList, AdminConversions.FromWire, cancellationToken);
    }

    private Task<bool> ChangeAliasesAsync(string operation, string subject, WireChangeAliases actions, CancellationToken cancellationToken)
    {
        var body = Json(actions, QdrantJsonContext.Default.WireChangeAliases);
        var call = new QdrantCall(operation, HttpMethod.Post, "collections/aliases", subject, CallKind.Once, body);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseBoolean, done => done, cancellationToken);
    }
}
