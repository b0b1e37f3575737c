using System.Globalization;
using System.Text.Json;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Telemetry;

/// <summary>A real Prometheus server (Debian package prometheus) scrapes a host built with the defaults.</summary>
public sealed class PrometheusScrapeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Prometheus_ScrapesTheHost_AndAnswersQueriesOnItsRpcMetrics()
    {
        Assert.True(Promtool.OnPath("prometheus"), "prometheus is not installed: apt-get install -y prometheus (test.sh does).");
        await using var host = await DefaultsHost.StartAsync();
        using var channel = host.CreateChannel();
        await new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
        using var directory = new TempDirectory();
        var config = directory.Write("prometheus.yml", $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: defaults
                scrape_interval: 1s
                static_configs:
                  - targets: ["127.0.0.1:{host.Listeners.HttpEndPoint.Port}"]
            """);
        var port = FreePort.Next();
        await using var prometheus = PeerProcess.Start("prometheus", directory.Path, new Dictionary<string, string>(),
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory.Path, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn");
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var up = await QueryUntilAsync(api, "up{job=\"defaults\"}", prometheus);
        var calls = await QueryUntilAsync(api, "rpc_server_calls_total{rpc_method=\"GetDomainMap\",rpc_grpc_status=\"OK\"}", prometheus);

        Assert.Equal(1, up);
        Assert.Equal(1, calls);
    }

    // Polls the HTTP API until the query has a result; bounded, and failing with Prometheus's own output.
    private static async Task<double> QueryUntilAsync(HttpClient api, string query, PeerProcess prometheus)
    {
        var deadline = DateTime.UtcNow + Bound;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await api.GetStringAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative)).Within();
                var result = JsonDocument.Parse(last).RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Prometheus gave no result for {query} within {Bound}. Last answer: {last}\nPrometheus: {prometheus.Errors}");
    }
}
