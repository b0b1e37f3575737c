using MultiCluster.LocalCluster.Storage.Durability;
using MultiCluster.Shared;

namespace MultiCluster.LocalCluster.Storage.Catalog;

/// <summary>
/// The collections and aliases of one node, on disk under a data directory:
/// <c>collections/{name}/</c> (one directory per collection), <c>aliases.json</c>, and <c>.trash/</c> where a
/// directory goes before it is deleted, so a crash never leaves half a collection under a live name.
/// Lookups read an immutable snapshot without locking; changes to the set of collections or aliases are serialised.
/// </summary>
public sealed class CollectionCatalog : IDisposable
{
    private readonly Lock _changes = new();
    private readonly string _collectionsDirectory;
    private readonly string _trashDirectory;
    private readonly int _checkpointEvery;
    private readonly ILogger _logger;
    private volatile CatalogState _state = CatalogState.Empty;

    private CollectionCatalog(string dataDirectory, int checkpointEvery, ILogger logger)
    {
        DataDirectory = dataDirectory;
        _collectionsDirectory = Path.Combine(dataDirectory, "collections");
        _trashDirectory = Path.Combine(dataDirectory, ".trash");
        _checkpointEvery = checkpointEvery;
        _logger = logger;
    }

    public string DataDirectory { get; }

    internal CatalogState State => _state;

    /// <summary>Opens (or initialises) a data directory: every collection is loaded and its log replayed.</summary>
    public static CollectionCatalog Open(string dataDirectory, int checkpointEvery, ILogger logger)
    {
        var catalog = new CollectionCatalog(Path.GetFullPath(dataDirectory), checkpointEvery, logger);
        catalog.Load();
        return catalog;
    }

    /// <summary>The collection a name or alias denotes; "Collection `x` doesn't exist!" otherwise.</summary>
    public VectorCollection Get(string nameOrAlias) =>
        _state.Find(nameOrAlias) ?? throw StorageException.CollectionNotFound(nameOrAlias);

    public bool Exists(string nameOrAlias) => _state.Find(nameOrAlias) is not null;

    public IReadOnlyList<string> CollectionNames => [.. _state.Collections.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyList<VectorCollection> Collections => [.. _state.Collections.Values];

    /// <summary>Every alias and its collection, by alias name.</summary>
    public IReadOnlyList<(string Alias, string Collection)> Aliases =>
        [.. _state.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value))];

    public void Create(string name, CollectionConfig config)
    {
        CollectionName.Validate(name);
        lock (_changes)
        {
            var state = _state;
            if (state.Aliases.ContainsKey(name))
            {
                throw StorageException.BadInput($"Can't create collection with name {name}. Alias with the same name already exists");
            }

            if (state.Collections.ContainsKey(name))
            {
                throw new StorageException(StorageErrorKind.AlreadyExists, $"Collection `{name}` already exists!");
            }

            var staging = StagingDirectory();
            CollectionJournal.Initialise(staging, config);
            var collection = Install(name, staging);
            _state = state with { Collections = state.Collections.SetItem(name, collection) };
            var distance = config.Distance.Name();
            StorageLog.CollectionCreated(_logger, name, config.Size, distance);
        }
    }

    /// <summary>Replaces the echoed configuration of a collection (named directly or by alias).</summary>
    public void UpdateConfig(string nameOrAlias, CollectionConfig config) => Get(nameOrAlias).UpdateConfig(config);

    /// <summary>Drops a collection, its aliases and its files. False when there was no such collection.</summary>
    public bool Drop(string name)
    {
        lock (_changes)
        {
            var state = _state;
            if (!state.Collections.TryGetValue(name, out var collection))
            {
                return false;
            }

            var aliases = state.Aliases.RemoveRange(state.Aliases.Where(a => a.Value == name).Select(a => a.Key));
            if (aliases.Count != state.Aliases.Count)
            {
                AliasTable.Save(DataDirectory, aliases);
            }

            _state = new CatalogState(state.Collections.Remove(name), aliases);
            collection.Dispose();
            Discard(Path.Combine(_collectionsDirectory, name));
            StorageLog.CollectionDeleted(_logger, name);
            return true;
        }
    }

    /// <summary>Applies alias actions atomically: all of them, or none and the first failure.</summary>
    public void UpdateAliases(IReadOnlyList<AliasAction> actions)
    {
        lock (_changes)
        {
            var state = _state;
            var aliases = AliasTable.Apply(state, actions);
            AliasTable.Save(DataDirectory, aliases);
            _state = state with { Aliases = aliases };
        }
    }

    /// <summary>
    /// Replaces (or creates) <paramref name="name"/> with the contents of a snapshot file, verified first: a damaged
    /// snapshot changes nothing.
    /// </summary>
    public void Recover(string name, string snapshotPath)
    {
        CollectionName.Validate(name);
        LoadedState snapshot;
        using (var stream = new FileStream(snapshotPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            snapshot = StateFile.Read(stream);
        }

        lock (_changes)
        {
            var state = _state;
            if (state.Aliases.ContainsKey(name))
            {
                throw StorageException.BadInput($"Can't recover into {name}: an alias has that name.");
            }

            var staging = StagingDirectory();
            CollectionJournal.Initialise(staging, snapshot.Config);
            File.Copy(snapshotPath, Path.Combine(staging, CollectionJournal.StateFileName));
            if (state.Collections.TryGetValue(name, out var old))
            {
                old.Dispose();
                Discard(Path.Combine(_collectionsDirectory, name));
            }

            var collection = Install(name, staging);
            _state = state with { Collections = state.Collections.SetItem(name, collection) };
            var points = collection.Count;
            StorageLog.CollectionRecovered(_logger, name, points);
        }
    }

    /// <summary>Checkpoints every collection and closes its files.</summary>
    public void Dispose()
    {
        lock (_changes)
        {
            foreach (var collection in _state.Collections.Values)
            {
                collection.Checkpoint();
                collection.Dispose();
            }

            _state = CatalogState.Empty;
        }
    }

    private void Load()
    {
        Directory.CreateDirectory(_collectionsDirectory);
        if (Directory.Exists(_trashDirectory))
        {
            StorageLog.RemovingLeftovers(_logger, _trashDirectory);
            Directory.Delete(_trashDirectory, recursive: true);
        }

        var collections = CatalogState.Empty.Collections;
        foreach (var directory in Directory.GetDirectories(_collectionsDirectory))
        {
            var name = Path.GetFileName(directory);
            if (name.StartsWith('.'))
            {
                StorageLog.RemovingLeftovers(_logger, directory); // a staging directory of an interrupted create
                Directory.Delete(directory, recursive: true);
                continue;
            }

            collections = collections.SetItem(name, VectorCollection.Open(name, directory, _checkpointEvery, _logger));
        }

        var aliases = AliasTable.Load(DataDirectory).Where(a => collections.ContainsKey(a.Value));
        _state = new CatalogState(collections, CatalogState.Empty.Aliases.AddRange(aliases));
    }

    private string StagingDirectory()
    {
        var staging = Path.Combine(_collectionsDirectory, "." + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Renames a staged directory into place (atomic) and opens it.</summary>
    private VectorCollection Install(string name, string staging)
    {
        var final = Path.Combine(_collectionsDirectory, name);
        Directory.Move(staging, final);
        DirectorySync.Flush(_collectionsDirectory);
        return VectorCollection.Open(name, final, _checkpointEvery, _logger);
    }

    private void Discard(string directory)
    {
        Directory.CreateDirectory(_trashDirectory);
        var trashed = Path.Combine(_trashDirectory, Guid.NewGuid().ToString("N"));
        Directory.Move(directory, trashed);
        DirectorySync.Flush(_collectionsDirectory);
        Directory.Delete(trashed, recursive: true);
    }
}
