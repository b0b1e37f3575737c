using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using Xunit;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>The list of bad input, each refused with the status it calls for and a detail naming the field and what is allowed.</summary>
[Collection(DiscoveryHostGroup.Name)]
public sealed class BadRequestTests(DiscoveryHostFixture fixture)
{
    private const string Library = DiscoveryHostFixture.Library;

    public static TheoryData<string, AnalyzeDomainsRequest, StatusCode, string[]> BadAnalyses => new()
    {
        { "unknown library", new AnalyzeDomainsRequest { Library = "nope" }, StatusCode.NotFound, ["library:", "'nope'"] },
        { "malformed library", new AnalyzeDomainsRequest { Library = "Not A Name" }, StatusCode.InvalidArgument, ["library:", "[a-z0-9]"] },
        { "library without points", new AnalyzeDomainsRequest { Library = DiscoveryHostFixture.EmptyLibrary }, StatusCode.FailedPrecondition, ["library:", "no points"] },
        { "empty vector", new AnalyzeDomainsRequest { Library = Library, Points = { new Point { Id = "1" } } }, StatusCode.InvalidArgument, ["points[0].vector:"] },
        { "mismatched dimension", new AnalyzeDomainsRequest { Library = Library, Points = { Points(3, 2) } }, StatusCode.InvalidArgument, ["points[0].vector:", "dimension 8"] },
        { "NaN value", new AnalyzeDomainsRequest { Library = Library, Points = { Points(3, FashionLibrary.Dimension, float.NaN) } }, StatusCode.InvalidArgument, ["points[0].vector[1]:", "finite"] },
        { "infinite value", new AnalyzeDomainsRequest { Library = Library, Points = { Points(3, FashionLibrary.Dimension, float.PositiveInfinity) } }, StatusCode.InvalidArgument, ["points[0].vector[1]:", "finite"] },
        {
            "k above the inline points", new AnalyzeDomainsRequest { Library = Library, Points = { Points(5, FashionLibrary.Dimension) }, Settings = KMeans(10) },
            StatusCode.InvalidArgument, ["settings.parameters.kmeans.k:", "5 points", "1..5"]
        },
        { "k above the sample", new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(5_000) }, StatusCode.InvalidArgument, ["settings.parameters.kmeans.k:", "900 points"] },
        { "unknown strategy", new AnalyzeDomainsRequest { Library = Library, Settings = new AnalysisSettings { Strategy = (AnalysisStrategy)99 } }, StatusCode.InvalidArgument, ["settings.strategy:", "ANALYSIS_STRATEGY_KMEANS"] },
        {
            "unknown linkage",
            new AnalyzeDomainsRequest { Library = Library, Settings = new AnalysisSettings { Strategy = AnalysisStrategy.Hierarchical, Parameters = new StrategyParameters { Hierarchical = new HierarchicalParameters { Linkage = (Linkage)42 } } } },
            StatusCode.InvalidArgument, ["settings.parameters.hierarchical.linkage:", "LINKAGE_WARD"]
        },
        { "sample above the limit", new AnalyzeDomainsRequest { Library = Library, Settings = new AnalysisSettings { SampleSize = 100_001 } }, StatusCode.InvalidArgument, ["settings.sample_size:", "100000"] },
        {
            "parameters of another strategy",
            new AnalyzeDomainsRequest { Library = Library, Settings = new AnalysisSettings { Strategy = AnalysisStrategy.Dbscan, Parameters = new StrategyParameters { Kmeans = new KMeansParameters() } } },
            StatusCode.InvalidArgument, ["settings.parameters:", "kmeans", "dbscan"]
        },
        {
            "negative epsilon",
            new AnalyzeDomainsRequest { Library = Library, Settings = new AnalysisSettings { Strategy = AnalysisStrategy.Dbscan, Parameters = new StrategyParameters { Dbscan = new DbscanParameters { Epsilon = -1 } } } },
            StatusCode.InvalidArgument, ["settings.parameters.dbscan.epsilon:", ">= 0"]
        },
    };

    [Theory]
    [MemberData(nameof(BadAnalyses))]
    public async Task BadAnalysisRequest_IsRefused_NamingTheFieldAndWhatIsAllowed(string what, AnalyzeDomainsRequest request, StatusCode expected, string[] detailParts)
    {
        var status = await Calls.StatusOfAsync(fixture.Host.Client.AnalyzeDomainsAsync(request));

        Assert.True(expected == status.StatusCode, $"{what}: expected {expected}, got {status.StatusCode}: {status.Detail}");
        Assert.All(detailParts, part => Assert.Contains(part, status.Detail, StringComparison.Ordinal));
        Assert.StartsWith(detailParts[0], status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherBadRequests_AreRefused_NamingTheField()
    {
        var client = fixture.Host.Client;
        (string What, Status Status, StatusCode Expected, string Prefix)[] cases =
        [
            ("map of an unknown library", await Calls.StatusOfAsync(client.GetDomainMapAsync(new GetDomainMapRequest { Library = "nope" })), StatusCode.NotFound, "library:"),
            ("unknown version", await Calls.StatusOfAsync(client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library, Version = 1_000_000 })), StatusCode.NotFound, "version:"),
            ("statistics of a malformed domain id", await Calls.StatusOfAsync(client.GetDomainStatisticsAsync(new GetDomainStatisticsRequest { Library = Library, DomainIds = { "NOPE!" } })), StatusCode.InvalidArgument, "domain_ids[0]:"),
            ("confidence above 1", await Calls.StatusOfAsync(client.DiscoverPatternsAsync(new DiscoverPatternsRequest { Library = Library, MinConfidence = 2 })), StatusCode.InvalidArgument, "min_confidence:"),
            ("validation sample above the limit", await Calls.StatusOfAsync(client.ValidateDomainMappingAsync(new ValidateDomainMappingRequest { Library = Library, SampleSize = 100_001 })), StatusCode.InvalidArgument, "sample_size:"),
            ("unknown threshold field", await Calls.StatusOfAsync(client.UpdateDomainThresholdsAsync(new UpdateDomainThresholdsRequest { Library = Library, UpdateMask = new FieldMask { Paths = { "nope" } } })), StatusCode.InvalidArgument, "update_mask.paths[0]:"),
            ("cohesion above 1", await Calls.StatusOfAsync(client.UpdateDomainThresholdsAsync(new UpdateDomainThresholdsRequest { Library = Library, Thresholds = new DomainThresholds { MinCohesion = 2 } })), StatusCode.InvalidArgument, "thresholds.min_cohesion:"),
            ("strategy not set", await Calls.StatusOfAsync(client.SetAnalysisStrategyAsync(new SetAnalysisStrategyRequest { Library = "other", Settings = new AnalysisSettings() })), StatusCode.InvalidArgument, "settings.strategy:"),
            (
                "re-analysis every 30 s",
                await Calls.StatusOfAsync(client.SetAnalysisStrategyAsync(new SetAnalysisStrategyRequest { Library = "other", Settings = new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans, ReanalysisInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)) } })),
                StatusCode.InvalidArgument, "settings.reanalysis_interval:"
            ),
            ("forged page token", await Calls.StatusOfAsync(client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest { Pagination = new Pagination { PageToken = "forged" } })), StatusCode.InvalidArgument, "pagination.page_token:"),
            (
                "reversed time range",
                await Calls.StatusOfAsync(client.GetPerformanceMetricsAsync(new GetPerformanceMetricsRequest { TimeRange = new TimeRange { StartTime = Timestamp.FromDateTime(DateTime.UtcNow), EndTime = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-1)) } })),
                StatusCode.InvalidArgument, "time_range:"
            ),
        ];

        Assert.All(cases, c =>
        {
            Assert.True(c.Expected == c.Status.StatusCode, $"{c.What}: expected {c.Expected}, got {c.Status.StatusCode}: {c.Status.Detail}");
            Assert.StartsWith(c.Prefix, c.Status.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task WatchOfAnUnknownOperation_IsNotFound_NamingTheOperationId()
    {
        using var call = fixture.Host.Client.WatchAnalysis(new WatchAnalysisRequest { OperationId = Guid.NewGuid().ToString() }, deadline: DateTime.UtcNow.AddSeconds(30));

        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.StartsWith("operation_id:", failure.Status.Detail, StringComparison.Ordinal);
    }

    private static AnalysisSettings KMeans(uint k) => new() { Strategy = AnalysisStrategy.Kmeans, Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = k } } };

    private static Point[] Points(int count, int dimension, float poison = 0) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var point = new Point { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            point.Vector.AddRange(Enumerable.Range(0, dimension).Select(d => d == 1 && poison != 0 ? poison : (float)(i + d)));
            return point;
        }).ToArray();
}
