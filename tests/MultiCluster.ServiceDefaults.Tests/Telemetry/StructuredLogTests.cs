using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Telemetry;

/// <summary>Console logs are one JSON object per line carrying the call's trace id and span id.</summary>
[Collection(ConsoleRedirection.Name)]
public sealed class StructuredLogTests
{
    [Fact]
    public async Task LogLineOfACall_IsJsonWithTheCallersTraceId()
    {
        var console = new StringWriter(new StringBuilder());
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        try
        {
            await using (var host = await DefaultsHost.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" }))
            {
                using var channel = host.CreateChannel();
                using var caller = new Activity("test-client").SetIdFormat(ActivityIdFormat.W3C).Start();

                await Assert.ThrowsAsync<RpcException>(() =>
                    new DiscoveryService.DiscoveryServiceClient(channel).AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within());

                caller.Stop();
                var line = await WaitForLineAsync(console, "\"EventId\":5,");
                var log = JsonDocument.Parse(line).RootElement;
                var scope = log.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("TraceId", out _));

                Assert.Equal("Warning", log.GetProperty("LogLevel").GetString());
                Assert.Equal(caller.TraceId.ToString(), scope.GetProperty("TraceId").GetString());
                Assert.Matches("^[0-9a-f]{16}$", scope.GetProperty("SpanId").GetString());
                Assert.NotEqual(caller.SpanId.ToString(), scope.GetProperty("SpanId").GetString());
            }
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static async Task<string> WaitForLineAsync(StringWriter console, string marker)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            string text;
            lock (console)
            {
                text = console.ToString();
            }

            var line = text.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No console line with {marker}.");
    }
}

/// <summary>Tests that redirect the process's console run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleRedirection
{
    public const string Name = "Console";
}
