using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using MultiCluster.Shared;

namespace MultiCluster.LocalCluster.Storage.Durability;

/// <summary>
/// An append-only log of records, each [length u32][CRC-32C u32][sequence u64][body]: the length and CRC cover
/// sequence and body. Appends go straight to the OS (no user-space buffer, so a killed process loses nothing it
/// appended); <see cref="WaitDurable"/> fsyncs, and one fsync acknowledges every append before it (group commit).
/// Appends must be serialised by the caller; <see cref="WaitDurable"/> may be called from any thread.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const int HeaderSize = 16;
    private const int MaxRecordSize = 1 << 30;

    private readonly SafeFileHandle _handle;
    private readonly Lock _flushLock = new();
    private long _length;
    private ulong _appended;
    private ulong _durable;

    private WriteAheadLog(SafeFileHandle handle, long length, ulong durable)
    {
        _handle = handle;
        _length = length;
        _appended = durable;
        _durable = durable;
    }

    public long Length => _length;

    /// <summary>
    /// Opens (or creates) the log, hands every intact record to <paramref name="replay"/> in order, and cuts off a
    /// torn or corrupt tail so new records follow the last intact one.
    /// </summary>
    public static WriteAheadLog Open(string path, Action<ulong, ReadOnlyMemory<byte>> replay, out WalRecovery recovery)
    {
        var created = !File.Exists(path);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            if (created)
            {
                DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!); // the new file's name survives a power cut
            }

            var fileLength = RandomAccess.GetLength(handle);
            var (end, records, last) = Scan(handle, fileLength, replay);
            if (end < fileLength)
            {
                RandomAccess.SetLength(handle, end);
                RandomAccess.FlushToDisk(handle);
            }

            recovery = new WalRecovery(records, fileLength - end, last);
            return new WriteAheadLog(handle, end, last);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends one record; it reaches the OS before this returns, and the disk after <see cref="WaitDurable"/>.</summary>
    public void Append(ulong sequence, ReadOnlySpan<byte> body)
    {
        var record = new byte[HeaderSize + body.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(8), sequence);
        body.CopyTo(record.AsSpan(HeaderSize));
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(body.Length + 8));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32C.Compute(record.AsSpan(8)));
        RandomAccess.Write(_handle, record, _length);
        _length += record.Length;
        Volatile.Write(ref _appended, sequence);
    }

    /// <summary>Returns once every record up to <paramref name="sequence"/> is on disk.</summary>
    public void WaitDurable(ulong sequence)
    {
        if (Volatile.Read(ref _durable) >= sequence)
        {
            return;
        }

        lock (_flushLock)
        {
            if (_durable >= sequence)
            {
                return;
            }

            var target = Volatile.Read(ref _appended);
            RandomAccess.FlushToDisk(_handle);
            Volatile.Write(ref _durable, target);
        }
    }

    /// <summary>Empties the log once a checkpoint holds everything up to <paramref name="sequence"/>.</summary>
    public void Truncate(ulong sequence)
    {
        lock (_flushLock)
        {
            RandomAccess.SetLength(_handle, 0);
            RandomAccess.FlushToDisk(_handle);
            _length = 0;
            Volatile.Write(ref _durable, Math.Max(_durable, sequence));
        }
    }

    public void Dispose()
    {
        lock (_flushLock)
        {
            _handle.Dispose();
        }
    }

    private static (long End, int Records, ulong Last) Scan(SafeFileHandle handle, long fileLength, Action<ulong, ReadOnlyMemory<byte>> replay)
    {
        var header = new byte[8];
        long offset = 0;
        var records = 0;
        ulong last = 0;
        while (fileLength - offset >= HeaderSize)
        {
            RandomAccess.Read(handle, header, offset);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (length < 8 || length > MaxRecordSize || length > fileLength - offset - 8)
            {
                break;
            }

            var content = new byte[length];
            if (RandomAccess.Read(handle, content, offset + 8) != length || Crc32C.Compute(content) != crc)
            {
                break;
            }

            last = BinaryPrimitives.ReadUInt64LittleEndian(content);
            replay(last, content.AsMemory(8));
            records++;
            offset += 8 + length;
        }

        return (offset, records, last);
    }
}

/// <summary>What opening a log found: intact records, bytes of torn tail dropped, the last sequence number.</summary>
internal sealed record WalRecovery(int Records, long DroppedBytes, ulong LastSequence);
