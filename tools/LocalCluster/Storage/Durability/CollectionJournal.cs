using System.Text;
using System.Text.Json;
using MultiCluster.LocalCluster.Storage.Operations;
using MultiCluster.Shared;

namespace MultiCluster.LocalCluster.Storage.Durability;

/// <summary>
/// The files of one durable collection: config.json (its configuration), state.bin (the last checkpoint: every point
/// at a sequence number) and wal.log (the writes since). Opening loads the checkpoint and replays the log past it;
/// a checkpoint writes a new state.bin atomically, then empties the log.
/// </summary>
internal sealed class CollectionJournal : IDisposable
{
    public const string ConfigFile = "config.json";
    public const string StateFileName = "state.bin";
    public const string LogFile = "wal.log";

    private readonly WriteAheadLog _log;

    private CollectionJournal(string directory, WriteAheadLog log)
    {
        Directory = directory;
        _log = log;
    }

    public string Directory { get; }

    /// <summary>Creates the files of a new, empty collection in <paramref name="directory"/> (which must exist).</summary>
    public static void Initialise(string directory, CollectionConfig config) => WriteConfig(directory, config);

    public static void WriteConfig(string directory, CollectionConfig config) =>
        DurableFile.WriteAllBytesAtomically(Path.Combine(directory, ConfigFile), JsonSerializer.SerializeToUtf8Bytes(config.Settings));

    public static CollectionConfig ReadConfig(string directory) =>
        CollectionConfig.FromSettings(JsonSerializer.Deserialize<JsonElement>(File.ReadAllBytes(Path.Combine(directory, ConfigFile))));

    /// <summary>Loads the checkpoint and replays the log into a store; reports what recovery found.</summary>
    public static (CollectionJournal Journal, PointStore Store, ulong Sequence, WalRecovery Recovery) Open(
        string directory, CollectionConfig config, Action<PointStore, PointOperation> apply)
    {
        var statePath = Path.Combine(directory, StateFileName);
        var store = new PointStore(config.Size);
        ulong checkpoint = 0;
        if (File.Exists(statePath))
        {
            using var stream = new FileStream(statePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var state = StateFile.Read(stream);
            (store, checkpoint) = (state.Store, state.Sequence);
        }

        var sequence = checkpoint;
        var log = WriteAheadLog.Open(Path.Combine(directory, LogFile), (recordSequence, body) =>
        {
            if (recordSequence <= checkpoint)
            {
                return; // already in the checkpoint: the log was not yet emptied when the process stopped
            }

            using var reader = new BinaryReader(new MemoryStream(body.ToArray()), Encoding.UTF8);
            apply(store, OperationCodec.Read(reader));
            sequence = recordSequence;
        }, out var recovery);
        return (new CollectionJournal(directory, log), store, sequence, recovery);
    }

    public static byte[] Encode(PointOperation operation)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            OperationCodec.Write(writer, operation);
        }

        return buffer.ToArray();
    }

    public void Append(ulong sequence, PointOperation operation) => _log.Append(sequence, Encode(operation));

    public void WaitDurable(ulong sequence) => _log.WaitDurable(sequence);

    /// <summary>Writes every point at <paramref name="sequence"/> to state.bin, then empties the log.</summary>
    public void Checkpoint(CollectionConfig config, ulong sequence, PointStore store)
    {
        DurableFile.WriteAtomically(Path.Combine(Directory, StateFileName), stream => StateFile.Write(stream, config, sequence, store));
        _log.Truncate(sequence);
    }

    public void Dispose() => _log.Dispose();
}
