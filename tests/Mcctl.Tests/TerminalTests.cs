using System.Globalization;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Mcctl.Tests;

/// <summary>mcctl's screens as a person sees them: run in a real terminal (tmux, 120 x 30) and read back from the pane.</summary>
[Collection(McctlGroup.Name)]
public sealed class TerminalTests(McctlFixture mesh)
{
    [Fact]
    public async Task Ingest_draws_a_progress_bar_with_rate_and_completion_in_a_terminal()
    {
        var name = McctlFixture.NewLibrary("tty");
        var file = mesh.File(name + ".npy");
        InputFiles.Npy(file, InputFiles.Blobs(5000));
        // A server of its own (-L): the test never touches another tmux session on the machine.
        var socket = "mcctl-tests-" + Guid.NewGuid().ToString("N")[..8];
        var variables = string.Join(' ', mesh.Environment.Select(v => $"{v.Key}={v.Value}"));
        var command = $"env {variables} dotnet {McctlFixture.Tool} ingest {name} {file} --create --distance euclid --batch-size 100; echo MCCTL-EXIT=$?; sleep 60";
        try
        {
            var started = await PeerProcess.RunAsync("tmux", mesh.WorkDirectory, new Dictionary<string, string>(), "-L", socket, "new-session", "-d", "-x", "120", "-y", "30", command);
            Assert.True(started.ExitCode == 0, started.Errors);

            var screen = await Eventually.ValueAsync(
                async () => (await PeerProcess.RunAsync("tmux", mesh.WorkDirectory, new Dictionary<string, string>(), "-L", socket, "capture-pane", "-p")).Output,
                pane => pane.Contains("MCCTL-EXIT=", StringComparison.Ordinal),
                "mcctl ingest to finish in the tmux pane", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250), pane => pane);

            Assert.Contains("MCCTL-EXIT=0", screen, StringComparison.Ordinal);
            Assert.Contains("100%", screen, StringComparison.Ordinal);
            Assert.Contains("points/s", screen, StringComparison.Ordinal);
            Assert.Contains(name, screen, StringComparison.Ordinal);
            Assert.Contains(5000.ToString("N0", CultureInfo.InvariantCulture) + " points written", screen, StringComparison.Ordinal);
        }
        finally
        {
            await PeerProcess.RunAsync("tmux", mesh.WorkDirectory, new Dictionary<string, string>(), "-L", socket, "kill-server");
        }
    }
}
