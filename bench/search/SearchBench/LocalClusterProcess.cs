using System.Diagnostics;
using System.Globalization;

namespace MultiCluster.Bench.Search;

/// <summary>A LocalCluster node started as a real process on free ports (REST and gRPC), over a fresh data directory (under the run's output directory, so run.sh's cleanup removes it).</summary>
internal sealed class LocalClusterProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LocalClusterProcess(Process process, string dataDirectory, int port, int grpcPort)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
        GrpcPort = grpcPort;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public int GrpcPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort.ToString(CultureInfo.InvariantCulture)}/");

    public static async Task<LocalClusterProcess> StartAsync(string serverDll, string parentDirectory, string? pidFile)
    {
        var data = Directory.CreateDirectory(Path.Combine(parentDirectory, $"node-{Guid.NewGuid():N}"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { serverDll, "--port", "0", "--grpc-port", "0", "--data", data.FullName })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start LocalCluster");
        if (pidFile is not null)
        {
            await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        // "listening <rest-port> grpc <grpc-port>"
        var parts = line?.Split(' ');
        if (parts is not ["listening", var rest, "grpc", var grpc]
            || !int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !int.TryParse(grpc, NumberStyles.None, CultureInfo.InvariantCulture, out var grpcPort))
        {
            process.Kill();
            throw new InvalidOperationException($"LocalCluster did not say where it listens (got '{line}')");
        }

        return new LocalClusterProcess(process, data.FullName, port, grpcPort);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
