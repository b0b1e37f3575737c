using System.Collections.Immutable;
using System.Text.Json;
using MultiCluster.Shared;

namespace MultiCluster.LocalCluster.Storage.Catalog;

/// <summary>Applies alias actions to a copy of the table (all or nothing) and stores the table as one JSON file.</summary>
internal static class AliasTable
{
    public const string FileName = "aliases.json";

    /// <summary>The table after every action, or a <see cref="StorageException"/> for the first that cannot apply.</summary>
    public static ImmutableDictionary<string, string> Apply(CatalogState state, IReadOnlyList<AliasAction> actions)
    {
        var aliases = state.Aliases;
        foreach (var action in actions)
        {
            switch (action)
            {
                case CreateAlias create:
                    CollectionName.Validate(create.Alias);
                    if (!state.Collections.ContainsKey(create.Collection))
                    {
                        throw StorageException.CollectionNotFound(create.Collection);
                    }

                    if (state.Collections.ContainsKey(create.Alias))
                    {
                        throw new StorageException(StorageErrorKind.AlreadyExists, $"Collection `{create.Alias}` already exists!");
                    }

                    aliases = aliases.SetItem(create.Alias, create.Collection);
                    break;
                case DeleteAlias delete:
                    aliases = aliases.Remove(delete.Alias);
                    break;
                case RenameAlias rename:
                    CollectionName.Validate(rename.NewAlias);
                    if (!aliases.TryGetValue(rename.OldAlias, out var target))
                    {
                        throw StorageException.NotFound($"Alias {rename.OldAlias} does not exists!");
                    }

                    aliases = aliases.Remove(rename.OldAlias).SetItem(rename.NewAlias, target);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(actions), action.GetType().Name, "Unknown alias action.");
            }
        }

        return aliases;
    }

    public static void Save(string dataDirectory, ImmutableDictionary<string, string> aliases) =>
        DurableFile.WriteAllBytesAtomically(
            Path.Combine(dataDirectory, FileName),
            JsonSerializer.SerializeToUtf8Bytes(aliases.ToDictionary(a => a.Key, a => a.Value)));

    public static ImmutableDictionary<string, string> Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return CatalogState.Empty.Aliases;
        }

        var table = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(path)) ?? [];
        return table.ToImmutableDictionary(StringComparer.Ordinal);
    }
}
