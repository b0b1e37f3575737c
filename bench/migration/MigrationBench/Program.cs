using System.Diagnostics;
using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tests.EndToEnd;

// Usage: MigrationBench [points] [kills] [configs, e.g. 500x2,500x4,1000x4] [kill-batch] [kill-workers] [kill-max-pps]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60_000;
var wantedKills = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var configs = (args.Length > 2 ? args[2] : "500x2,500x4,500x8,1000x2,1000x4,1000x8").Split(',')
    .Select(c => c.Split('x')).Select(p => (Batch: int.Parse(p[0], CultureInfo.InvariantCulture), Workers: int.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
var killBatch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500;
var killWorkers = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
var killPps = args.Length > 5 ? uint.Parse(args[5], CultureInfo.InvariantCulture) : 1_000;

var points = MigrationFashionPoints.Read(count);
Console.Error.WriteLine($"read {points.Count} Fashion-MNIST points; starting PostgreSQL, Redis, the LocalClusters and the Specialization host");
var setup = new SpecializationFixture();
setup.Settings.Add(("Logging__LogLevel__Npgsql", "Warning"));
try
{
    await setup.InitializeAsync();
}
catch (TimeoutException)
{
    // The databases and clusters are up; only the host outlasted the readiness bound (a loaded machine).
    await StartHostAsync(setup);
}
var source = setup.Cluster("local-a");
var target = setup.Cluster("local-b");
var results = new List<(int Batch, int Workers, double Migrate, double Raw, double Seconds)>();
var run = 0;
foreach (var (batch, workers) in configs)
{
    run++;
    var raw = await RawUpsertAsync(target, $"raw{run}__d1", points, batch, workers);
    var library = $"bench{run}";
    await MigrationFashionPoints.WriteAsync(source, LibraryName.Collection(library, "d1"), points);
    var seconds = await MigrateAsync(setup, library, batch, workers, 0);
    await target.DropCollectionAsync(LibraryName.Collection(library, "d1"));
    results.Add((batch, workers, points.Count / seconds, raw, seconds));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"batch={batch} workers={workers} migrate_pps={points.Count / seconds:F0} raw_upsert_pps={raw:F0} ratio={points.Count / seconds / raw:F2} migrate_s={seconds:F1}"));
}

// The kill run: the same points, the host SIGKILLed at random moments until wantedKills, then checked point by point.
await MigrationFashionPoints.WriteAsync(source, "killrun__d1", points);
var before = await MigrationProbe.ScanAsync(source, "killrun__d1");
var started = (await setup.Client.MigrateToSpecializationAsync(Request("killrun", killBatch, killWorkers, killPps))).Status;
var random = new Random(60_000);
var kills = 0;
while (kills < wantedKills)
{
    await Task.Delay(random.Next(200, 1_500));
    if (await MigrationProbe.JobAsync(setup.DatabaseConnectionString, started.OperationId) is not { State: OperationState.Running or OperationState.Pending })
    {
        break;
    }

    setup.KillHost();
    kills++;
    await StartHostAsync(setup);
}

var end = await WaitForAsync(setup.DatabaseConnectionString, started.OperationId, s => s.State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled);
var after = await MigrationProbe.ScanAsync(target, "killrun__d1");
var lost = before.Ids.Count(id => !after.Ids.Contains(id));
var duplicated = after.Count - after.Ids.Count(before.Ids.Contains);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"kill run: {kills} kills, ended {end.State} after attempt {end.Attempt}, source {before.Count} points, target {after.Count}, digests {(before.Digest == after.Digest ? "equal" : "DIFFERENT")}"));

var best = results.MaxBy(r => r.Migrate);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"fastest: batch={best.Batch} workers={best.Workers}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"migrate_pps={best.Migrate:F0} raw_upsert_pps={best.Raw:F0} ratio={best.Migrate / best.Raw:F2} kills={kills} lost={lost} duplicated={duplicated} migrate_60k_s={best.Seconds:F1}"));
await setup.DisposeAsync();
return end.State == OperationState.Succeeded && lost == 0 && duplicated == 0 ? 0 : 1;

// Starts the host again after a kill. On a loaded machine a start can outlast the fixture's readiness bound (30 s);
// that is the machine, not the migration, so it is tried again (the fixture kills a host that never got ready).
static async Task StartHostAsync(SpecializationFixture setup)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await setup.StartHostAsync();
            return;
        }
        catch (TimeoutException) when (attempt < 5)
        {
            Console.Error.WriteLine($"the host was not ready within the start bound (attempt {attempt} of 5); starting it again");
        }
    }
}

// Raw batched upserts of the same points into the target through the same client, pages written by `workers` at once.
static async Task<double> RawUpsertAsync(IVectorCluster cluster, string collection, IReadOnlyList<PointRecord> points, int batch, int workers)
{
    await cluster.CreateCollectionAsync(new CollectionSpec(collection, MigrationFashionPoints.Dimension, MultiCluster.Clusters.Distance.Euclid));
    var pages = new System.Collections.Concurrent.ConcurrentQueue<PointRecord[]>(points.Chunk(batch));
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        while (pages.TryDequeue(out var page))
        {
            await cluster.UpsertAsync(collection, page, wait: true);
        }
    })));
    var pps = points.Count / clock.Elapsed.TotalSeconds;
    await cluster.DropCollectionAsync(collection);
    return pps;
}

// Seconds from the request to the routing flip (COMPLETED but for the cleanup grace period).
static async Task<double> MigrateAsync(SpecializationFixture setup, string library, int batch, int workers, uint maxPps)
{
    var clock = Stopwatch.StartNew();
    var started = (await setup.Client.MigrateToSpecializationAsync(Request(library, batch, workers, maxPps))).Status;
    // When each phase was first seen (the row polled every 20 ms), so the figures say where the time went.
    var phases = new List<(MigrationPhase Phase, double At)>();
    var end = await WaitForAsync(setup.DatabaseConnectionString, started.OperationId, s =>
    {
        if (phases.Count == 0 || phases[^1].Phase != s.Phase)
        {
            phases.Add((s.Phase, clock.Elapsed.TotalSeconds));
        }

        return s.Phase is MigrationPhase.CleaningUp or MigrationPhase.Completed || s.State is OperationState.Failed or OperationState.Cancelled;
    });
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Join(' ', phases.Zip(phases.Skip(1).Select(p => p.At).Append(seconds))
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First.Phase.ToString().ToLowerInvariant()}_s={p.Second - p.First.At:F2}"))));
    if (end.State is OperationState.Failed or OperationState.Cancelled)
    {
        throw new InvalidOperationException($"migration of {library} ended {end.State}");
    }

    await WaitForAsync(setup.DatabaseConnectionString, started.OperationId, s => s.State == OperationState.Succeeded);
    return seconds;
}

static MigrateToSpecializationRequest Request(string library, int batch, int workers, uint maxPps) => new()
{
    Move = new DomainMove { Library = library, DomainId = "d1", Target = new ClusterRef { Name = "local-b" } },
    BatchSize = (uint)batch,
    Workers = (uint)workers,
    MaxPointsPerSecond = maxPps,
};

static async Task<(OperationState State, MigrationPhase Phase, int Attempt, long BatchesDone)> WaitForAsync(
    string database, string operationId, Func<(OperationState State, MigrationPhase Phase, int Attempt, long BatchesDone), bool> done)
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        if (await MigrationProbe.JobAsync(database, operationId) is { } job && done(job))
        {
            return job;
        }

        if (deadline.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException($"migration {operationId} did not get there within 10 minutes");
        }

        await Task.Delay(20);
    }
}
