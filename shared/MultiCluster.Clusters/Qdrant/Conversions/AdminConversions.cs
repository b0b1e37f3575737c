using System.Globalization;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>Aliases and snapshots between the port's records and Qdrant's wire shapes.</summary>
internal static class AdminConversions
{
    /// <summary>Delete then create in one request: Qdrant applies the actions of one request atomically.</summary>
    public static WireChangeAliases Switch(string alias, string collection) => new()
    {
        Actions =
        [
            new WireAliasAction { DeleteAlias = new WireDeleteAlias { AliasName = alias } },
            new WireAliasAction { CreateAlias = new WireCreateAlias { AliasName = alias, CollectionName = collection } },
        ],
    };

    public static WireChangeAliases Create(string alias, string collection) => new()
    {
        Actions = [new WireAliasAction { CreateAlias = new WireCreateAlias { AliasName = alias, CollectionName = collection } }],
    };

    public static WireChangeAliases Delete(string alias) => new()
    {
        Actions = [new WireAliasAction { DeleteAlias = new WireDeleteAlias { AliasName = alias } }],
    };

    public static IReadOnlyList<AliasInfo> FromWire(WireAliasList list) =>
        list.Aliases.ConvertAll(a => new AliasInfo(a.AliasName, a.CollectionName));

    public static SnapshotInfo FromWire(WireSnapshotDescription snapshot) => new(
        snapshot.Name,
        DateTimeOffset.TryParse(snapshot.CreationTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created) ? created : null,
        snapshot.Size,
        snapshot.Checksum);
}
