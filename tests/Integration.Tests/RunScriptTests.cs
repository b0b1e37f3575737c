using System.Globalization;
using System.Net.Sockets;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace Integration.Tests;

/// <summary>
/// <c>./run.sh</c> as a newcomer runs it, on this test run's build (RUN_SKIP_BUILD) with its state in a directory of
/// its own (RUN_DIR): the whole mesh on its fixed ports, a second copy refused, and Ctrl-C stopping every process it
/// started. Uses run.sh's fixed ports (5100-5203, 6333-6354, 15432, 16379), so it fails when a ./run.sh of yours runs.
/// </summary>
public sealed class RunScriptTests
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheMeshStartsReady_ASecondCopyIsRefused_AndCtrlCLeavesNoProcessBehind()
    {
        var state = StateDirectory();
        try
        {
            await using var run = Start(state);
            await run.WaitForLineAsync("Press Ctrl-C to stop.", StartBound);
            var started = Descendants(run.Id);
            var firstCommand = run.Output.Split('\n').Single(l => l.StartsWith("Try, in another terminal:", StringComparison.Ordinal));
            var (tried, triedOutput, triedErrors) = await PeerProcess.RunAsync("bash", RepositoryBuild.Root, new Dictionary<string, string>(), "-c", "./mcctl status");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var ready = await http.GetAsync(new Uri("http://127.0.0.1:5200/readyz")).Within();

            var (again, _, againErrors) = await RunAsync(state);
            var (elsewhere, _, elsewhereErrors) = await RunAsync(StateDirectory());
            await run.SignalAsync("INT");
            // Each group (services, PostgreSQL, Redis) gets 15 s before it is killed; a loaded machine takes longer.
            int exitCode;
            try
            {
                exitCode = await run.ExitAsync(TimeSpan.FromMinutes(3));
            }
            catch (TimeoutException e)
            {
                var alive = started.Where(p => IsAlive(p.Pid)).Select(p => $"{p.Pid} {p.Command}");
                throw new TimeoutException($"run.sh did not exit within 3 min of Ctrl-C; still running: {string.Join(", ", alive)}; it printed: {run.Output[^Math.Min(run.Output.Length, 2000)..]}", e);
            }


            Assert.True(ready.IsSuccessStatusCode, $"the Orchestrator's /readyz answered {ready.StatusCode}");
            // The first command run.sh offers works, and shows the three clusters it started.
            Assert.Contains("./mcctl status ", firstCommand, StringComparison.Ordinal);
            Assert.True(tried == 0, $"./mcctl status exited {tried}: {triedErrors}");
            Assert.All(LocalClusterSet.DefaultNames, c => Assert.Contains(c, triedOutput, StringComparison.Ordinal));
            // Three clusters, four services, PostgreSQL and Redis at least.
            Assert.True(started.Count >= 9, $"run.sh had {started.Count} processes under it: {string.Join(", ", started.Select(p => p.Command))}");
            Assert.Equal(1, again);
            Assert.Contains("already running", againErrors, StringComparison.Ordinal);
            Assert.Equal(1, elsewhere);
            Assert.Matches(@"port \d+ is taken by another program", elsewhereErrors);
            Assert.Equal(130, exitCode);
            var left = started.Where(p => IsAlive(p.Pid)).ToList();
            Assert.True(left.Count == 0, "still running after Ctrl-C: " + string.Join(", ", left.Select(p => $"{p.Pid} {p.Command}")));
            Assert.True(IsFree(5100), "port 5100 is still taken after Ctrl-C");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task AnUnknownOption_IsRefusedWithTheOptionsItTakes()
    {
        var (exitCode, _, errors) = await RunAsync(Path.GetTempPath(), "--demoo");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown option '--demoo'; ./run.sh takes --demo or --help", errors, StringComparison.Ordinal);
    }

    // Readable by others: run as root, run.sh starts PostgreSQL as the postgres user, which must reach its data below.
    private static string StateDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("run-sh-");
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        return directory.FullName;
    }

    private static Dictionary<string, string> Environment(string state) => new()
    {
        ["RUN_DIR"] = state,
        ["RUN_SKIP_BUILD"] = "1",
        ["RUN_CONFIGURATION"] = RepositoryBuild.Configuration,
    };

    // Ctrl-C's SIGINT reset to its default through env(1): a test runner started in the background (as CI starts
    // ./test.sh) passes it on ignored, and bash can neither trap nor reset a signal ignored when it started.
    private static PeerProcess Start(string state) => PeerProcess.Start("env", RepositoryBuild.Root, Environment(state), "--default-signal=INT", "bash", "run.sh");

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(string state, params string[] arguments) =>
        PeerProcess.RunAsync("bash", RepositoryBuild.Root, Environment(state), ["run.sh", .. arguments]);

    // Every process under root, through the parent ids in /proc (PostgreSQL and Redis run in sessions of their own,
    // but are still run.sh's children).
    private static List<(int Pid, string Command)> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = stat.Parent;
            }
        }

        var found = new List<(int, string)>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add((child, Command(child)));
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so fields are read after its closing parenthesis.
    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static bool IsAlive(int pid) => Stat(pid) is { State: not 'Z' and not 'X' };

    private static bool IsFree(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
