using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.LocalCluster.Storage.Durability;
using MultiCluster.LocalCluster.Storage.Operations;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>
/// One collection: the points in memory, exact search over them, and (when opened on a directory) a write-ahead
/// log and checkpoints that make every acknowledged write survive a crash.
/// Concurrency: writers are serialised by a gate (so the log's order is the order of application) and hold the
/// write lock only while applying in memory; searches and reads share the read lock and run in parallel with each
/// other and with a writer's logging and fsync.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A collection in Qdrant's sense (a named set of points), the name every Qdrant user knows.")]
public sealed partial class VectorCollection : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _writeGate = new();
    private readonly PointStore _store;
    private readonly CollectionJournal? _journal;
    private readonly int _checkpointEvery;
    private readonly ILogger _logger;
    private volatile CollectionConfig _config;
    private ulong _sequence;
    private int _sinceCheckpoint;
    private bool _closed;

    private VectorCollection(string name, CollectionConfig config, PointStore store, CollectionJournal? journal, ulong sequence, int checkpointEvery, ILogger logger)
    {
        Name = name;
        _config = config;
        _store = store;
        _journal = journal;
        _sequence = sequence;
        _checkpointEvery = Math.Max(1, checkpointEvery);
        _logger = logger;
    }

    public string Name { get; }

    public CollectionConfig Config => _config;

    /// <summary>The directory holding the collection's files, or null for an in-memory collection.</summary>
    public string? Directory => _journal?.Directory;

    /// <summary>The sequence number of the last write applied.</summary>
    public ulong LastOperationId
    {
        get
        {
            lock (_writeGate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>A collection that lives in memory only: for benchmarks and tests of the engine.</summary>
    public static VectorCollection CreateInMemory(CollectionConfig config, string name = "memory") =>
        new(name, config, new PointStore(config.Size), null, 0, int.MaxValue, NullLogger.Instance);

    /// <summary>Opens a durable collection: loads its checkpoint and replays its log.</summary>
    internal static VectorCollection Open(string name, string directory, int checkpointEvery, ILogger logger)
    {
        var config = CollectionJournal.ReadConfig(directory);
        var (journal, store, sequence, recovery) = CollectionJournal.Open(directory, config, OperationApplier.Apply);
        if (recovery.DroppedBytes > 0)
        {
            StorageLog.TornTailDropped(logger, name, recovery.DroppedBytes, recovery.LastSequence);
        }

        StorageLog.CollectionOpened(logger, name, store.Count, recovery.Records);
        return new VectorCollection(name, config, store, journal, sequence, checkpointEvery, logger);
    }

    /// <summary>Replaces the echoed configuration (vector size and distance cannot change).</summary>
    internal void UpdateConfig(CollectionConfig config)
    {
        lock (_writeGate)
        {
            if (config.Size != _config.Size || config.Distance != _config.Distance)
            {
                throw StorageException.BadInput("The vector size and distance of an existing collection cannot change.");
            }

            if (_journal is not null)
            {
                CollectionJournal.WriteConfig(_journal.Directory, config);
            }

            _config = config;
        }
    }

    /// <summary>Writes a checkpoint now if anything was written since the last one (on shutdown).</summary>
    public void Checkpoint()
    {
        lock (_writeGate)
        {
            if (_journal is not null && !_closed && _sinceCheckpoint > 0)
            {
                _journal.Checkpoint(_config, _sequence, _store);
                _sinceCheckpoint = 0;
            }
        }
    }

    /// <summary>Writes the whole collection, consistent at one sequence number, as a state file (a snapshot).</summary>
    internal void WriteState(Stream destination)
    {
        lock (_writeGate)
        {
            StateFile.Write(destination, _config, _sequence, _store);
        }
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _journal?.Dispose();
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw StorageException.CollectionNotFound(Name);
        }
    }
}
