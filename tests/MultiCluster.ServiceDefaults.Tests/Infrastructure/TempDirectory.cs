namespace MultiCluster.ServiceDefaults.Tests.Infrastructure;

/// <summary>A fresh folder for one test's files, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mc-defaults-" + Guid.NewGuid().ToString("N"));

    public string Write(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process (prometheus) may still be letting go of a file; the OS cleans temp.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
