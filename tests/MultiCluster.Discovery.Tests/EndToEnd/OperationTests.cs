using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>One analysis per library, operations across a restart, and the settings calls.</summary>
[Collection(DiscoveryHostGroup.Name)]
public sealed class OperationTests(DiscoveryHostFixture fixture)
{
    private const string Library = DiscoveryHostFixture.Library;

    [Fact]
    public async Task AnalysisWhileAnotherRunsForTheLibrary_IsRefused_NamingTheRunningOne_AndARestartMarksTheInterruptedOneFailed()
    {
        // Another replica's analysis, as the shared history shows it: the refusal must hold across processes.
        var running = Guid.NewGuid().ToString();
        await InsertRunningAsync(running, Library);

        var status = await Calls.StatusOfAsync(fixture.Host.Client.AnalyzeDomainsAsync(new AnalyzeDomainsRequest { Library = Library }));

        Assert.Equal(StatusCode.FailedPrecondition, status.StatusCode);
        Assert.StartsWith("library:", status.Detail, StringComparison.Ordinal);
        Assert.Contains(running, status.Detail, StringComparison.Ordinal);

        // The process that ran it is gone; the next start finds the row still running and marks it failed.
        await fixture.RestartAsync();
        var messages = await fixture.Host.Client.WatchToEndAsync(running);
        var last = Assert.Single(messages);
        Assert.True(last.Progress.Terminal);
        Assert.Equal(OperationState.Failed, last.Progress.State);
        Assert.Equal("ABORTED", last.Progress.Error.Code);
    }

    [Fact]
    public async Task RepeatedRequestId_ReturnsTheFirstOperation_EvenAfterARestart()
    {
        var client = fixture.Host.Client;
        var request = new AnalyzeDomainsRequest { Library = Library, RequestId = Guid.NewGuid().ToString(), DryRun = true };
        var first = await client.AnalyzeDomainsAsync(request).ResponseAsync.Within();
        var finished = await client.WatchToEndAsync(first.OperationId).Within();

        var again = await client.AnalyzeDomainsAsync(request).ResponseAsync.Within();
        await fixture.RestartAsync();
        var afterRestart = await fixture.Host.Client.AnalyzeDomainsAsync(request).ResponseAsync.Within();
        var replayed = await fixture.Host.Client.WatchToEndAsync(first.OperationId).Within();

        Assert.Equal(first.OperationId, again.OperationId);
        Assert.Equal(first.OperationId, afterRestart.OperationId);
        Assert.Equal(finished[^1].Progress.State, replayed[^1].Progress.State);
        Assert.True(replayed[^1].Progress.Terminal);
    }

    [Fact]
    public async Task SupportedStrategies_AreTheFive_WithTheirDefaults()
    {
        var strategies = (await fixture.Host.Client.GetSupportedStrategiesAsync(new GetSupportedStrategiesRequest()).ResponseAsync.Within()).Strategies;

        Assert.Equal(
            [AnalysisStrategy.Kmeans, AnalysisStrategy.Dbscan, AnalysisStrategy.Hierarchical, AnalysisStrategy.Hybrid, AnalysisStrategy.Streaming],
            strategies.Select(s => s.Strategy));
        Assert.Equal(32u, strategies.Single(s => s.Strategy == AnalysisStrategy.Hybrid).DefaultParameters.Hybrid.MaxDomains);
        Assert.Equal(5u, strategies.Single(s => s.Strategy == AnalysisStrategy.Dbscan).DefaultParameters.Dbscan.MinPoints);
        Assert.True(strategies.Single(s => s.Strategy == AnalysisStrategy.Dbscan).LeavesUnassigned);
        Assert.True(strategies.Single(s => s.Strategy == AnalysisStrategy.Streaming).Incremental);
        Assert.True(strategies.Single(s => s.Strategy == AnalysisStrategy.Hierarchical).MaxRecommendedSampleSize > 0);
        Assert.Equal(0u, strategies.Single(s => s.Strategy == AnalysisStrategy.Kmeans).MaxRecommendedSampleSize);
    }

    [Fact]
    public async Task SetAnalysisStrategy_StoresTheSettings_AndAnswersThemWithDefaultsResolved()
    {
        var settings = new AnalysisSettings
        {
            Strategy = AnalysisStrategy.Kmeans,
            Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = 4 } },
            ReanalysisInterval = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
        };

        var resolved = (await fixture.Host.Client.SetAnalysisStrategyAsync(new SetAnalysisStrategyRequest { Library = "other", Settings = settings }).ResponseAsync.Within()).Settings;

        Assert.Equal(AnalysisStrategy.Kmeans, resolved.Strategy);
        Assert.Equal(4u, resolved.Parameters.Kmeans.K);
        Assert.Equal(32u, resolved.Parameters.Kmeans.KMax);
        Assert.Equal(100u, resolved.Parameters.Kmeans.MaxIterations);
        Assert.Equal(10_000u, resolved.SampleSize);
        Assert.Equal(TimeSpan.FromMinutes(10), resolved.ReanalysisInterval.ToTimeSpan());
    }

    [Fact]
    public async Task UpdateDomainThresholds_ChangesOnlyTheMaskedFields_AndAnswersTheResolvedThresholds()
    {
        var client = fixture.Host.Client;
        await client.UpdateDomainThresholdsAsync(new UpdateDomainThresholdsRequest { Library = "other", Thresholds = new DomainThresholds { MinCohesion = 0.4, MinDomainPoints = 10 } }).ResponseAsync.Within();

        var resolved = (await client.UpdateDomainThresholdsAsync(new UpdateDomainThresholdsRequest
        {
            Library = "other",
            Thresholds = new DomainThresholds { MinCohesion = 0.9, MinDomainPoints = 999 },
            UpdateMask = new FieldMask { Paths = { "min_cohesion" } },
        }).ResponseAsync.Within()).Thresholds;

        Assert.Equal(0.9, resolved.MinCohesion);
        Assert.Equal(10ul, resolved.MinDomainPoints);
        Assert.Equal(0.5, resolved.MaxDomainShare);
        Assert.Equal(0.1, resolved.MaxUnassignedFraction);
    }

    private async Task InsertRunningAsync(string operationId, string library)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO analyses (operation_id, library, trigger, dry_run, strategy, seed, settings, state, started_at) VALUES (@id, @library, 'tests', false, 4, 1, @settings, 2, now())",
            connection);
        command.Parameters.AddWithValue("id", operationId);
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("settings", new AnalysisSettings().ToByteArray());
        await command.ExecuteNonQueryAsync();
    }
}
