using System.Globalization;

namespace MultiCluster.LocalCluster.Hosting;

/// <summary>The command line: where to listen, where the data lives, and the limits.</summary>
public sealed record LocalClusterOptions
{
    public const string Usage = """
        usage: dotnet LocalCluster.dll --port N --data DIR [options]
          --port N             REST port (HTTP/1.1); 0 picks a free one
          --grpc-port N        gRPC port (HTTP/2 without TLS); default --port + 1 (Qdrant's 6333 and 6334), or a
                               free one when --port is 0. Both are printed once served: "listening <port> grpc <port>"
          --data DIR           data directory (created if missing)
          --host ADDRESS       address to bind (default 127.0.0.1)
          --api-key KEY        require this key in the api-key header (or Authorization: Bearer)
          --snapshot-every N   checkpoint a collection every N writes and truncate its log (default 10000)
          --max-body-mb N      largest request body accepted (default 32)
          --max-batch N        most points in one upsert (default 10000)
        """;

    public int Port { get; init; }

    /// <summary>Port of Qdrant's gRPC API; see <see cref="Usage"/> for the default.</summary>
    public int GrpcPort { get; init; }

    public string DataDirectory { get; init; } = "";

    public string Host { get; init; } = "127.0.0.1";

    public string? ApiKey { get; init; }

    public int SnapshotEvery { get; init; } = 10_000;

    public int MaxBodyMegabytes { get; init; } = 32;

    public int MaxBatch { get; init; } = 10_000;

    public long MaxBodyBytes => MaxBodyMegabytes * 1024L * 1024L;

    public static bool TryRead(IReadOnlyList<string> args, out LocalClusterOptions options, out string error)
    {
        options = new LocalClusterOptions();
        error = "";
        int? port = null;
        int? grpcPort = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--port" when TryInt(value, 0, 65_535, out var p):
                    port = p;
                    break;
                case "--grpc-port" when TryInt(value, 0, 65_535, out var g):
                    grpcPort = g;
                    break;
                case "--data":
                    options = options with { DataDirectory = value };
                    break;
                case "--host":
                    options = options with { Host = value };
                    break;
                case "--api-key":
                    options = options with { ApiKey = value };
                    break;
                case "--snapshot-every" when TryInt(value, 1, int.MaxValue, out var every):
                    options = options with { SnapshotEvery = every };
                    break;
                case "--max-body-mb" when TryInt(value, 1, 4096, out var megabytes):
                    options = options with { MaxBodyMegabytes = megabytes };
                    break;
                case "--max-batch" when TryInt(value, 1, int.MaxValue, out var batch):
                    options = options with { MaxBatch = batch };
                    break;
                default:
                    error = $"Unknown option or bad value: {name} {value}";
                    return false;
            }
        }

        if (port is null || string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            error = "Both --port and --data are required.";
            return false;
        }

        grpcPort ??= port.Value == 0 ? 0 : port.Value + 1;
        if (grpcPort > 65_535 || (grpcPort == port && port != 0))
        {
            error = $"--grpc-port {grpcPort} cannot be used with --port {port}: give the gRPC API its own port (--grpc-port N).";
            return false;
        }

        options = options with { Port = port.Value, GrpcPort = grpcPort.Value };
        return true;
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
