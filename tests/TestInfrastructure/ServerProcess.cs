using System.Diagnostics;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// A server (postgres, redis-server) run under a small shell watchdog that stops it when this test process's end of
/// the watchdog's stdin closes: on <see cref="StopAsync"/>, and also when the test process exits however it exits
/// (killed included), so no server outlives a test run.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    // $1: the signal that stops the server cleanly; $2: a folder to delete once the server is down ("" for none);
    // the rest: the server's command line. The server is waited on, so the watchdog exits when the server does.
    // stdin is kept on fd 3 first, since sh gives background jobs /dev/null as stdin. The reader acts when stdin closes
    // (a stop, or this test process gone, even killed with its whole process tree): it stops the server if it still
    // runs, then deletes the folder. A line "keep" first (a deliberate crash, to restart later) makes it leave both.
    // It is double-forked out of the process tree, writes nowhere (the watchdog's output then closes with the server,
    // which Process waits for), and counts a zombie as gone (PID 1 in a container may never reap it).
    private const string Watchdog = """
        exec 3<&0
        sig=$1; cleanup=$2; shift 2
        "$@" 3<&- </dev/null &
        server=$!
        echo "server-pid $server"
        ( (
          alive() { state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null); [ -n "$state" ] && [ "$state" != Z ]; }
          if read -r line <&3 && [ "$line" = keep ]; then exit 0; fi
          if alive "$server"; then
            kill -s "$sig" "$server"
            tries=0
            while alive "$server" && [ $tries -lt 150 ]; do sleep 0.1; tries=$((tries + 1)); done
            if alive "$server"; then kill -9 "$server"; fi
          fi
          if [ -n "$cleanup" ]; then rm -rf "$cleanup"; fi
        ) >/dev/null 2>&1 & )
        exec 3<&-
        wait "$server"
        """;

    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly TaskCompletionSource<int> _serverPid = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    /// <summary>The server's own process id (not the watchdog's).</summary>
    public int ServerPid => _serverPid.Task.IsCompletedSuccessfully ? _serverPid.Task.Result : 0;

    public bool HasExited => _process.HasExited;

    /// <summary>The server's last lines of output, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="command"/> under the watchdog, as <paramref name="user"/> when given (via runuser);
    /// <paramref name="cleanupDirectory"/> is deleted after the server is stopped, even when this process is gone by then.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string? user, string workingDirectory, string stopSignal, string? cleanupDirectory, params string[] command)
    {
        var info = new ProcessStartInfo(user is null ? "sh" : "runuser")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (user is not null)
        {
            foreach (var argument in new[] { "-u", user, "--", "sh" })
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in new[] { "-c", Watchdog, "watchdog", stopSignal, cleanupDirectory ?? "" }.Concat(command))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._serverPid.TrySetException(new InvalidOperationException(
            $"{command[0]} exited before it started: {server.RecentOutput}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server._serverPid.Task.WaitAsync(Bounded.Timeout);
        return server;
    }

    /// <summary>Kills the server with SIGKILL, as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        // Tell the watchdog's reader to leave the data folder: the server comes back on it.
        await _process.StandardInput.WriteLineAsync("keep");
        await _process.StandardInput.FlushAsync();
        try
        {
            using var server = Process.GetProcessById(ServerPid);
            server.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }

        await _process.WaitForExitAsync().WaitAsync(Bounded.Timeout);
    }

    /// <summary>Stops the server with its clean-stop signal; kills it if it does not stop within the bound.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                await KillAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("server-pid ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(11), out var pid))
        {
            _serverPid.TrySetResult(pid);
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
