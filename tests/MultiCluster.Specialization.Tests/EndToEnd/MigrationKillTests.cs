using System.Collections.Concurrent;
using System.Diagnostics;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Routing;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// The migration kill test of the issue: 20,000 Fashion-MNIST points move from local-a to local-b while the
/// Specialization process is SIGKILLed at random moments at least 20 times and started again on the same database;
/// meanwhile searches read the domain as the Orchestrator would (every read cluster of its routing row, merged by id).
/// Bounded: about two minutes on a quiet machine, ten at most on a heavily loaded one (each restart of the host is most of
/// the time); nothing in it depends on how fast the machine is.
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class MigrationKillTests(SpecializationFixture fixture)
{
    private const string Library = "mig-kill";
    private const int Kills = 20;
    private const int K = 10;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(10);
    private static readonly (string, string) Grace = ("Specialization__CleanupGracePeriod", "5s");

    // Every SQL command logged at Information is a heavy load of its own over twenty restarts; warnings still show.
    private static readonly (string, string) Quiet = ("Logging__LogLevel__Npgsql", "Warning");

    [Fact]
    public async Task AMoveKilledTwentyTimes_EndsWithExactlyTheSourcePointsOnTheTarget_AndSearchesNeverLoseResults()
    {
        var clock = Stopwatch.StartNew();
        var collection = LibraryName.Collection(Library, "d1");
        var points = MigrationFashionPoints.Read(20_000);
        await MigrationFashionPoints.WriteAsync(fixture.Cluster("local-a"), collection, points);
        var before = await MigrationProbe.ScanAsync(fixture.Cluster("local-a"), collection);
        var queries = Enumerable.Range(0, 8).Select(i => points[(i * 2_477) + 13].Vector).ToList();
        var found = new List<int>();
        foreach (var query in queries)
        {
            found.Add((await MigrationProbe.SearchAsync(fixture.Cluster, null, "local-a", collection, query, K)).Count);
        }

        // A grace period a search loop on a loaded machine outlives, so no search reads a source already dropped.
        await fixture.StartHostAsync(Grace, Quiet);
        var started = await MigrationCalls.StartAsync(fixture.Client, MigrationCalls.Move(Library, "d1", "local-b", batchSize: 100, workers: 4, maxPointsPerSecond: 400));

        using var stop = new CancellationTokenSource();
        var shortfalls = new ConcurrentQueue<string>();
        var searches = 0;
        var searching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var table = await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library);
                var entry = table is null ? null : RouteEntries.Find(table, "d1");
                for (var q = 0; q < queries.Count; q++)
                {
                    try
                    {
                        var results = await MigrationProbe.SearchAsync(fixture.Cluster, entry, "local-a", collection, queries[q], K);
                        if (results.Count < found[q])
                        {
                            shortfalls.Enqueue($"query {q}: {results.Count} < {found[q]} reading {string.Join(",", entry?.ReadClusters.Select(c => c.Name) ?? ["local-a"])} (routing v{table?.Version})");
                        }
                    }
                    catch (VectorClusterException e)
                    {
                        shortfalls.Enqueue($"query {q} failed reading {string.Join(",", entry?.ReadClusters.Select(c => c.Name) ?? ["local-a"])} (routing v{table?.Version}): {e.Message}");
                    }

                    Interlocked.Increment(ref searches);
                }
            }
        });

        var random = new Random(20_000);
        var kills = 0;
        var phasesKilledIn = new HashSet<MigrationPhase>();
        while (kills < Kills && clock.Elapsed < Budget)
        {
            await Task.Delay(random.Next(150, 1_500));
            var job = await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, started.OperationId);
            if (job is null || job.Value.State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled)
            {
                break;
            }

            fixture.KillHost();
            kills++;
            phasesKilledIn.Add(job.Value.Phase);
            await fixture.StartHostAsync(Grace, Quiet);
        }

        (OperationState State, MigrationPhase Phase, int Attempt, long BatchesDone)? end = null;
        while (clock.Elapsed < Budget)
        {
            end = await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, started.OperationId);
            if (end?.State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled)
            {
                break;
            }

            await Task.Delay(250);
        }

        await stop.CancelAsync();
        await searching;
        try
        {
            Assert.True(end?.State == OperationState.Succeeded, $"the migration was {end} after {kills} kills and {clock.Elapsed}; host log:\n{Tail(fixture.Host.Log)}");
            Assert.True(end!.Value.Attempt > 1, "no kill hit the job while it ran");
            Assert.True(shortfalls.IsEmpty, $"{shortfalls.Count} of {searches} searches returned fewer results than before the move: {string.Join("; ", shortfalls.Take(5))}");
            Assert.True(searches > 0);
            var after = await MigrationProbe.ScanAsync(fixture.Cluster("local-b"), collection);
            Assert.Equal(before.Count, after.Count);
            Assert.Empty(before.Ids.Except(after.Ids));
            Assert.Empty(after.Ids.Except(before.Ids));
            Assert.Equal(before.Digest, after.Digest);
            // The digest the copy kept across every kill stands for exactly the source: the final check passed on it.
            Assert.Equal(before.Digest, await MigrationProbe.CopyDigestAsync(fixture.DatabaseConnectionString, started.OperationId));
            var entry = RouteEntries.Find((await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library))!, "d1")!;
            Assert.Equal(("local-b", false), (entry.Primary.Name, entry.Migrating));
            Assert.Equal(["local-b"], entry.ReadClusters.Select(c => c.Name));
            Assert.DoesNotContain(collection, await fixture.Cluster("local-a").ListCollectionsAsync());
            Assert.True(kills >= Kills, $"only {kills} kills (in phases {string.Join(",", phasesKilledIn)}) before the migration ended or {Budget} passed");
        }
        finally
        {
            // The other tests of the group expect the host with the fixture's own settings.
            await fixture.StartHostAsync();
        }
    }

    private static string Tail(string log) => log.Length > 4_000 ? log[^4_000..] : log;
}
