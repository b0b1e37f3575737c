using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// A loopback port nobody listens on right now, for servers that cannot bind port 0 and report back. Between this
/// answer and the server's bind the port is free for anyone to take, so it is drawn from below the kernel's ephemeral
/// range: every outgoing connection of every test takes a local port from that range, and one of them landing on a
/// port just handed out here stopped a whole mesh from starting ("address already in use"). A port is never handed out
/// twice in one test process either, so parallel tests cannot draw the same one.
/// </summary>
public static class FreePort
{
    private const int Lowest = 10_000;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly int FirstEphemeral = ReadFirstEphemeralPort();

    public static int Next()
    {
        if (FirstEphemeral - Lowest < 1_000)
        {
            // No room below the ephemeral range on this machine: let the kernel pick one, as before.
            return KernelPicked();
        }

        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, FirstEphemeral);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port found between {Lowest} and {FirstEphemeral - 1} after 1000 tries.");
    }

    /// <summary>
    /// Two free ports in a row (n, n + 1), both handed out: a REST and a gRPC port laid out as Qdrant lays them
    /// (6333, 6334), so a cluster configured by its REST URL alone finds its gRPC port.
    /// </summary>
    public static (int Port, int Next) NextPair()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Next();
                if (!HandedOut.Contains(port + 1) && port + 1 < FirstEphemeral && IsFree(port + 1))
                {
                    HandedOut.Add(port + 1);
                    return (port, port + 1);
                }
            }
        }

        throw new InvalidOperationException($"No two free loopback ports in a row found between {Lowest} and {FirstEphemeral - 1} after 1000 tries.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int KernelPicked()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Linux: "32768\t60999". Elsewhere the IANA dynamic range, 49152 and up.
    private static int ReadFirstEphemeralPort()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(RangeFile)
            && int.TryParse(File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return first;
        }

        return 49_152;
    }
}
