using System.Globalization;
using System.Text.Json;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Mcctl.Tests;

[Collection(McctlGroup.Name)]
public sealed class InterruptTests(McctlFixture mesh)
{
    private const int Rows = 20_000;

    [Fact]
    public async Task An_ingest_stopped_by_ctrl_c_exits_130_and_resume_writes_exactly_the_rest()
    {
        var name = McctlFixture.NewLibrary("sigint");
        var file = mesh.File(name + ".npy");
        // Thousands of two-row batches: the ingest is still running when the signal arrives, however slow the machine.
        InputFiles.Npy(file, InputFiles.Blobs(Rows));
        var created = await mesh.RunAsync("library", "create", name, "--dimension", "4", "--distance", "euclid");
        Assert.True(created.ExitCode == 0, created.ToString());
        var checkpoints = Path.Combine(mesh.Environment["MCCTL_HOME"], "ingest");

        using var ingest = mesh.Start("ingest", name, file, "--batch-size", "2");
        long acknowledged;
        try
        {
            // Interrupted once some batches are acknowledged: the checkpoint names them.
            await Eventually.ValueAsync(() => Acknowledged(checkpoints, name), rows => rows > 0, "the first acknowledged batches of the ingest", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
            var signalled = await PeerProcess.RunAsync("kill", mesh.WorkDirectory, new Dictionary<string, string>(), "-INT", ingest.Id.ToString(CultureInfo.InvariantCulture));
            Assert.True(signalled.ExitCode == 0, signalled.Errors);
            await ingest.WaitForExitAsync().Within();
            acknowledged = await Acknowledged(checkpoints, name);
        }
        finally
        {
            if (!ingest.HasExited)
            {
                ingest.Kill(entireProcessTree: true);
            }
        }

        var resumed = await mesh.RunAsync("ingest", name, file, "--batch-size", "500", "--resume", "-o", "json");

        Assert.Equal(130, ingest.ExitCode);
        Assert.InRange(acknowledged, 2, Rows - 2);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal((Rows - acknowledged).ToString(CultureInfo.InvariantCulture), resumed.Json().GetProperty("upsertedCount").GetString());
        Assert.Equal((ulong)Rows, await mesh.PointCountAsync(name));
    }

    private static async Task<long> Acknowledged(string directory, string library)
    {
        var file = Directory.Exists(directory) ? Directory.GetFiles(directory, library + "-*.json").SingleOrDefault() : null;
        if (file is null)
        {
            return 0;
        }

        using var checkpoint = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        return checkpoint.RootElement.GetProperty("RowsAcknowledged").GetInt64();
    }
}
