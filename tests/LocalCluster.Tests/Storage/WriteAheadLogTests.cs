using System.Text;
using MultiCluster.LocalCluster.Storage.Durability;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Storage;

/// <summary>The log's record framing: intact records replay in order; a torn or corrupt tail is cut off, never replayed.</summary>
public sealed class WriteAheadLogTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string LogPath => _directory.Combine("wal.log");

    [Fact]
    public void Reopen_ReplaysEveryRecordInOrder()
    {
        Write(1, 2, 3);

        var replayed = Reopen(out var recovery);

        Assert.Equal(["record 1", "record 2", "record 3"], replayed.Select(r => r.Body));
        Assert.Equal([1UL, 2UL, 3UL], replayed.Select(r => r.Sequence));
        Assert.Equal(0, recovery.DroppedBytes);
        Assert.Equal(3UL, recovery.LastSequence);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(17)]
    public void TornLastRecord_IsDroppedAndTheFileCutBackToTheLastIntactRecord(int bytesCut)
    {
        Write(1, 2, 3);
        var intact = new FileInfo(LogPath).Length - Record(3).Length;
        Truncate(LogPath, new FileInfo(LogPath).Length - bytesCut);

        var replayed = Reopen(out var recovery);

        Assert.Equal([1UL, 2UL], replayed.Select(r => r.Sequence));
        Assert.Equal(Record(3).Length - bytesCut, recovery.DroppedBytes);
        Assert.Equal(intact, new FileInfo(LogPath).Length);
    }

    [Fact]
    public void CorruptByteInTheLastRecord_FailsItsChecksumAndIsDropped()
    {
        Write(1, 2, 3);
        FlipByte(LogPath, new FileInfo(LogPath).Length - 3);

        Assert.Equal([1UL, 2UL], Reopen(out _).Select(r => r.Sequence));
    }

    [Fact]
    public void CorruptLengthField_DropsTheRecordAndEverythingAfterIt()
    {
        Write(1, 2, 3);
        var second = Record(1).Length;
        FlipByte(LogPath, second + 3); // the high byte of record 2's length: now absurdly large

        Assert.Equal([1UL], Reopen(out _).Select(r => r.Sequence));
    }

    [Fact]
    public void GarbageAfterTheLastRecord_IsDropped()
    {
        Write(1, 2);
        File.AppendAllText(LogPath, "not a record at all");

        var replayed = Reopen(out var recovery);

        Assert.Equal([1UL, 2UL], replayed.Select(r => r.Sequence));
        Assert.Equal(19, recovery.DroppedBytes);
    }

    [Fact]
    public void AppendsAfterATornTail_FollowTheLastIntactRecord()
    {
        Write(1, 2, 3);
        Truncate(LogPath, new FileInfo(LogPath).Length - 4);
        using (var log = WriteAheadLog.Open(LogPath, (_, _) => { }, out _))
        {
            log.Append(4, Encoding.UTF8.GetBytes("record 4"));
            log.WaitDurable(4);
        }

        Assert.Equal(["record 1", "record 2", "record 4"], Reopen(out _).Select(r => r.Body));
    }

    [Fact]
    public void Truncate_EmptiesTheLog()
    {
        using (var log = WriteAheadLog.Open(LogPath, (_, _) => { }, out _))
        {
            log.Append(1, "x"u8);
            log.Truncate(1);
            log.Append(2, Encoding.UTF8.GetBytes("record 2"));
        }

        Assert.Equal([2UL], Reopen(out _).Select(r => r.Sequence));
    }

    public void Dispose() => _directory.Dispose();

    private static byte[] Record(ulong sequence) => new byte[WriteAheadLog.HeaderSize + $"record {sequence}".Length];

    private void Write(params ulong[] sequences)
    {
        using var log = WriteAheadLog.Open(LogPath, (_, _) => { }, out _);
        foreach (var sequence in sequences)
        {
            log.Append(sequence, Encoding.UTF8.GetBytes($"record {sequence}"));
        }

        log.WaitDurable(sequences[^1]);
    }

    private List<(ulong Sequence, string Body)> Reopen(out WalRecovery recovery)
    {
        var replayed = new List<(ulong, string)>();
        using var log = WriteAheadLog.Open(LogPath, (sequence, body) => replayed.Add((sequence, Encoding.UTF8.GetString(body.Span))), out recovery);
        return replayed;
    }

    private static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength(length);
    }

    private static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.Position = offset;
        var value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0xFF));
    }
}
