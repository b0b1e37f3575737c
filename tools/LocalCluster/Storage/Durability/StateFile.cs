using System.Text;
using System.Text.Json;
using MultiCluster.LocalCluster.Storage.Operations;

namespace MultiCluster.LocalCluster.Storage.Durability;

/// <summary>
/// A whole collection at one sequence number: its configuration, then every point, then a CRC-32C of all that.
/// The same file is a checkpoint (state.bin, after which the log is truncated) and a user snapshot (downloadable,
/// recoverable into any collection name).
/// </summary>
internal static class StateFile
{
    private static readonly byte[] Magic = "LCSTATE1"u8.ToArray();

    public static void Write(Stream destination, CollectionConfig config, ulong sequence, PointStore store)
    {
        var checksummed = new ChecksumStream(destination);
        using (var writer = new BinaryWriter(checksummed, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(sequence);
            writer.WritePayload(config.Settings);
            writer.Write(store.Dimension);
            writer.Write(store.Count);
            for (var slot = 0; slot < store.Count; slot++)
            {
                writer.WriteId(store.IdAt(slot));
                writer.WriteVector(store.VectorAt(slot));
                writer.WritePayload(store.PayloadAt(slot));
            }
        }

        using var trailer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        trailer.Write(checksummed.Checksum);
    }

    /// <summary>Reads and verifies a state file; <see cref="InvalidDataException"/> when it is damaged.</summary>
    public static LoadedState Read(Stream source)
    {
        var checksummed = new ChecksumStream(source);
        using var reader = new BinaryReader(checksummed, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("This is not a LocalCluster state or snapshot file.");
            }

            var sequence = reader.ReadUInt64();
            var settings = reader.ReadPayload() ?? throw new InvalidDataException("The file has no configuration.");
            var config = CollectionConfig.FromSettings(settings);
            var dimension = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (dimension != config.Size || count < 0)
            {
                throw new InvalidDataException($"The file holds {count} points of {dimension} dimensions for a collection of {config.Size}.");
            }

            var store = new PointStore(dimension);
            for (var i = 0; i < count; i++)
            {
                store.Upsert(new PointRecord(reader.ReadId(), reader.ReadVector(), reader.ReadPayload()));
            }

            var computed = checksummed.Checksum;
            using var trailer = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
            if (trailer.ReadUInt32() != computed)
            {
                throw new InvalidDataException("The file's checksum does not match its contents.");
            }

            return new LoadedState(config, sequence, store);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or StorageException or ArgumentException)
        {
            throw new InvalidDataException($"The file is damaged or truncated: {e.Message}", e);
        }
    }
}

/// <summary>What a state file holds.</summary>
internal sealed record LoadedState(CollectionConfig Config, ulong Sequence, PointStore Store);
