namespace MultiCluster.LocalCluster.Storage.Durability;

/// <summary>Passes reads or writes through to another stream while computing their CRC-32C.</summary>
internal sealed class ChecksumStream(Stream inner) : Stream
{
    private uint _crc = uint.MaxValue;

    /// <summary>The CRC-32C of every byte read or written so far.</summary>
    public uint Checksum => ~_crc;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _crc = Crc32C.Append(_crc, buffer[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _crc = Crc32C.Append(_crc, buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
