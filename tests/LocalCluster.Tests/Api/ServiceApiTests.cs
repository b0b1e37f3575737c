using System.Net;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>The version root, probes, Prometheus metrics, telemetry, and the API key.</summary>
public sealed class ServiceApiTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Root_ReportsTitleAndVersion_AndProbesAnswerInPlainText()
    {
        var root = await fixture.Http.GetAsync("/");
        var healthz = await fixture.Http.GetAsync("/healthz");
        var readyz = await fixture.Http.GetAsync("/readyz");
        var livez = await fixture.Http.GetAsync("/livez");

        Assert.Equal("1.18.0", root.Body.GetProperty("version").GetString());
        Assert.Contains("qdrant", root.Body.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthz check passed", healthz.Text);
        Assert.Equal("all shards are ready", readyz.Text);
        Assert.Equal(HttpStatusCode.OK, livez.Status);
    }

    [Fact]
    public async Task Metrics_CountCollectionsPointsResponsesSearchLatencyAndMemory()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", """{"points":[{"id":1,"vector":[1,0]},{"id":2,"vector":[0,1]}]}""");
        await fixture.Http.PostAsync($"/collections/{name}/points/search", """{"vector":[1,0],"limit":1}""");
        await fixture.Http.GetAsync("/collections/missing_for_metrics");

        var metrics = (await fixture.Http.GetAsync("/metrics")).Text;

        Assert.Matches(@"(?m)^collections_total \d+$", metrics);
        Assert.Contains($"collection_points{{collection=\"{name}\"}} 2", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^rest_responses_total\{method=""POST"",endpoint=""/collections/\{name\}/points/search"",status=""200""\} [1-9]\d*$", metrics);
        Assert.Matches(@"(?m)^rest_responses_total\{method=""GET"",endpoint=""/collections/\{name\}"",status=""404""\} [1-9]\d*$", metrics);
        Assert.Matches(@"(?m)^search_duration_seconds_count [1-9]\d*$", metrics);
        Assert.Contains("search_duration_seconds_bucket{le=\"+Inf\"}", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^memory_resident_bytes [1-9]\d*$", metrics);
        Assert.Matches(@"(?m)^memory_allocated_bytes [1-9]\d*$", metrics);

        // Qdrant's names and type: the adapter's memory threshold reads memory_resident_bytes as an unlabelled gauge.
        Assert.Contains("# TYPE memory_resident_bytes gauge\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE memory_allocated_bytes gauge\n", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^# HELP memory_resident_bytes \S", metrics);
    }

    [Fact]
    public async Task Telemetry_NamesTheAppAndCountsCollections()
    {
        await fixture.CreateCollectionAsync();

        var telemetry = (await fixture.Http.GetAsync("/telemetry")).Result;

        Assert.Equal("1.18.0", telemetry.GetProperty("app").GetProperty("version").GetString());
        Assert.True(telemetry.GetProperty("collections").GetProperty("number_of_collections").GetInt32() >= 1);
    }

    [Fact]
    public async Task ApiKey_IsRequiredEverywhereButTheProbes_InEitherHeader()
    {
        await using var node = await InProcessNode.StartAsync(options => options with { ApiKey = "s3cret" });
        using var anonymous = new QdrantHttp(node.Address);
        using var wrong = new QdrantHttp(node.Address, "nope");

        var missing = await anonymous.GetAsync("/collections");
        var rejected = await wrong.GetAsync("/collections");
        var withHeader = await node.Http.GetAsync("/collections");
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/collections");
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "s3cret");
        var withBearer = await anonymous.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("Must provide an API key or an Authorization bearer token", missing.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
        Assert.Equal("Invalid API key or JWT", rejected.Error);
        Assert.Equal(HttpStatusCode.OK, withHeader.Status);
        Assert.Equal(HttpStatusCode.OK, withBearer.Status);
        foreach (var probe in new[] { "/healthz", "/livez", "/readyz", "/" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(probe)).Status);
        }
    }
}
