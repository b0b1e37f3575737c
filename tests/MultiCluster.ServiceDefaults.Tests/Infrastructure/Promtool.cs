using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Infrastructure;

/// <summary>Prometheus's own checker of the text format (Debian package prometheus; test.sh installs it).</summary>
public static class Promtool
{
    public static async Task AssertValidAsync(string metrics)
    {
        Assert.True(File.Exists("/usr/bin/promtool") || OnPath("promtool"), "promtool is not installed: apt-get install -y prometheus (test.sh does).");
        using var directory = new TempDirectory();
        var file = directory.Write("metrics.txt", metrics);
        var (exitCode, output, errors) = await PeerProcess.RunAsync("sh", directory.Path, new Dictionary<string, string>(), "-c", $"promtool check metrics < '{file}'");
        Assert.True(exitCode == 0, $"promtool check metrics failed ({exitCode}):\n{output}{errors}\n--- metrics ---\n{metrics}");
    }

    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}
