using MultiCluster.Mcctl.Cli;
using MultiCluster.Mcctl.Ingest;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Mcctl.Tests;

/// <summary>mcctl's .npy reader against files numpy itself wrote (Debian's python3-numpy, a peer nobody here wrote).</summary>
public sealed class NpyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mcctl-npy-").FullName;

    [Fact]
    public async Task Reads_the_rows_numpy_saved_with_their_row_numbers_as_ids()
    {
        var path = await SaveAsync("numpy.npy", "(numpy.arange(15, dtype=numpy.float32) / 4).reshape(5, 3)");

        var file = NpyFile.Open(path);
        var points = file.Read(skip: 2).ToList();

        Assert.Equal(5, file.Rows);
        Assert.Equal(3, file.Dimension);
        Assert.Equal(["2", "3", "4"], points.Select(p => p.Id));
        Assert.Equal([1.5f, 1.75f, 2f], points[0].Vector);
    }

    [Fact]
    public async Task Refuses_float64_saying_how_to_convert()
    {
        var path = await SaveAsync("doubles.npy", "numpy.zeros((2, 2))");

        var refused = Assert.Throws<CliException>(() => NpyFile.Open(path));

        Assert.Equal(ExitCodes.BadUsage, refused.ExitCode);
        Assert.Contains("astype('float32')", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>numpy.save of <paramref name="array"/> (a Python expression) to a new file; its path.</summary>
    private async Task<string> SaveAsync(string name, string array)
    {
        var path = Path.Combine(_directory, name);
        var saved = await PeerProcess.RunAsync("/usr/bin/python3", _directory, new Dictionary<string, string>(), "-c", $"import numpy; numpy.save('{path}', {array})");
        Assert.True(saved.ExitCode == 0, saved.Errors);
        return path;
    }
}
