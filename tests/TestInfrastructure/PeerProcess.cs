using System.Diagnostics;
using System.Text;

namespace MultiCluster.TestInfrastructure;

/// <summary>Runs a peer nobody here wrote (node, python) as a real process, bounded in time.</summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private PeerProcess(Process process) => _process = process;

    /// <summary>The folder the peers' scripts are copied to beside the test assembly.</summary>
    public static string PeersDirectory => Path.Combine(AppContext.BaseDirectory, "peers");

    public string Output
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static PeerProcess Start(string fileName, params string[] arguments) =>
        Start(fileName, PeersDirectory, new Dictionary<string, string>(), arguments);

    public static PeerProcess Start(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => Append(peer._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(peer._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Runs to completion; returns the exit code (the process is killed if it outlives the bound).</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(fileName, PeersDirectory, new Dictionary<string, string>(), arguments);

    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync(fileName, workingDirectory, environment, TimeSpan.FromSeconds(90), arguments);

    /// <summary>Runs to completion within <paramref name="bound"/>, for a run known to take minutes (a whole demo).</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan bound, params string[] arguments)
    {
        await using var peer = Start(fileName, workingDirectory, environment, arguments);
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await peer._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return (-1, peer.Output, peer.Errors + $"\n{fileName} did not finish within {bound.TotalSeconds} s and was killed.");
        }

        return (peer._process.ExitCode, peer.Output, peer.Errors);
    }

    /// <summary>Waits for a line on stdout that starts with <paramref name="prefix"/> and returns the rest of it.</summary>
    public async Task<string> WaitForLineAsync(string prefix)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
            {
                return line[prefix.Length..].Trim();
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Peer exited with {_process.ExitCode} before printing '{prefix}': {Errors}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Peer did not print '{prefix}' in time. stderr: {Errors}");
    }

    /// <summary>
    /// Sends a signal by name ("STOP", "CONT") through kill(1): a stopped process keeps its connections open and
    /// answers nothing, as a hung server does.
    /// </summary>
    public async Task SignalAsync(string signal)
    {
        var (exitCode, _, errors) = await RunAsync("kill", AppContext.BaseDirectory, new Dictionary<string, string>(), "-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed: {errors}");
        }
    }

    /// <summary>Kills the process and its children at once (SIGKILL on Unix), as a crash would, and waits for it to be gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
