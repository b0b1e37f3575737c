namespace MultiCluster.LocalCluster.Storage.Snapshots;

/// <summary>A snapshot file ready for recovery; a temporary copy is deleted when disposed.</summary>
public sealed class FetchedSnapshot(string path, bool temporary) : IAsyncDisposable
{
    public string Path { get; } = path;

    public ValueTask DisposeAsync()
    {
        if (temporary)
        {
            File.Delete(Path);
        }

        return ValueTask.CompletedTask;
    }
}
