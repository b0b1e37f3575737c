using System.Globalization;

namespace MultiCluster.TestInfrastructure;

/// <summary>Reads the one line tools/LocalCluster prints once it serves: "listening &lt;rest-port&gt; grpc &lt;grpc-port&gt;".</summary>
public static class LocalClusterPorts
{
    /// <summary>The ports from what follows "listening " (as <see cref="PeerProcess.WaitForLineAsync(string)"/> returns it).</summary>
    public static (int Port, int GrpcPort) Parse(string afterListening)
    {
        var parts = afterListening.Trim().Split(' ');
        return parts is [var rest, "grpc", var grpc]
            && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && int.TryParse(grpc, NumberStyles.None, CultureInfo.InvariantCulture, out var grpcPort)
            ? (port, grpcPort)
            : throw new FormatException($"LocalCluster printed \"listening {afterListening}\", not \"listening <port> grpc <port>\".");
    }
}
