using Xunit;

namespace MultiCluster.Mcctl.Tests;

[Collection(McctlGroup.Name)]
public sealed class IngestTests(McctlFixture mesh)
{
    [Fact]
    public async Task Ingesting_an_npy_file_writes_every_row_and_search_finds_a_row_by_its_vector()
    {
        var name = McctlFixture.NewLibrary("npy");
        var rows = InputFiles.Blobs(300);
        var file = mesh.File(name + ".npy");
        InputFiles.Npy(file, rows);

        var ingest = await mesh.RunAsync("ingest", name, file, "--create", "--distance", "euclid", "--batch-size", "64", "-o", "json");
        var search = await mesh.RunAsync("search", name, "--vector", InputFiles.Text(rows[17]), "--limit", "3", "-o", "json");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal("300", ingest.Json().GetProperty("upsertedCount").GetString());
        Assert.Equal("5", ingest.Json().GetProperty("batchCount").GetString());
        Assert.True(search.ExitCode == 0, search.ToString());
        var points = search.Json().GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(3, points.Count);
        Assert.Equal("17", points[0].GetProperty("id").GetString());
        Assert.Equal(300UL, await mesh.PointCountAsync(name));
    }

    [Fact]
    public async Task Ingesting_a_csv_file_takes_ids_from_its_id_column_and_search_from_file_finds_them()
    {
        var name = McctlFixture.NewLibrary("csv");
        var file = mesh.File(name + ".csv");
        InputFiles.Csv(file, InputFiles.Blobs(120), firstId: 5000);

        var ingest = await mesh.RunAsync("ingest", name, file, "--create", "--distance", "euclid", "-o", "json");
        var search = await mesh.RunAsync("search", name, "--from-file", file, "--row", "3", "--limit", "1", "-o", "json");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal("120", ingest.Json().GetProperty("upsertedCount").GetString());
        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.Equal("5003", search.Json().GetProperty("points")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Ingesting_json_lines_keeps_each_payload()
    {
        var name = McctlFixture.NewLibrary("jsonl");
        var rows = InputFiles.Blobs(80);
        var file = mesh.File(name + ".jsonl");
        InputFiles.JsonLines(file, rows, firstId: 1);

        var ingest = await mesh.RunAsync("ingest", name, file, "--create", "--distance", "euclid", "-o", "json");
        var search = await mesh.RunAsync("search", name, "--vector", InputFiles.Text(rows[6]), "--limit", "1", "--with-payload", "-o", "json");
        var table = await mesh.RunAsync("search", name, "--vector", InputFiles.Text(rows[6]), "--limit", "1");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal("80", ingest.Json().GetProperty("upsertedCount").GetString());
        var best = search.Json().GetProperty("points")[0];
        Assert.Equal("7", best.GetProperty("id").GetString());
        Assert.Equal("b2", best.GetProperty("payload").GetProperty("blob").GetString());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("│ 7 ", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_ingest_resumes_after_the_last_acknowledged_batch()
    {
        var name = McctlFixture.NewLibrary("resume");
        var file = mesh.File(name + ".npy");
        InputFiles.Npy(file, InputFiles.Blobs(400));

        var first = await mesh.RunAsync("ingest", name, file, "--create", "--distance", "euclid", "--batch-size", "50", "--max-batches", "3", "-o", "json");
        var second = await mesh.RunAsync("ingest", name, file, "--batch-size", "50", "--resume", "-o", "json");
        var third = await mesh.RunAsync("ingest", name, file, "--resume", "-o", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("150", first.Json().GetProperty("upsertedCount").GetString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("250", second.Json().GetProperty("upsertedCount").GetString());
        Assert.Contains("resuming after row 150", second.Errors, StringComparison.Ordinal);
        Assert.Equal("0", third.Json().GetProperty("upsertedCount").GetString());
        Assert.Equal(400UL, await mesh.PointCountAsync(name));
    }

    [Fact]
    public async Task Resuming_a_file_that_changed_since_its_checkpoint_is_refused()
    {
        var name = McctlFixture.NewLibrary("changed");
        var file = mesh.File(name + ".npy");
        InputFiles.Npy(file, InputFiles.Blobs(100));
        var first = await mesh.RunAsync("ingest", name, file, "--create", "--distance", "euclid", "--batch-size", "10", "--max-batches", "1");
        InputFiles.Npy(file, InputFiles.Blobs(120));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        var resumed = await mesh.RunAsync("ingest", name, file, "--resume");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(resumed.ExitCode == 6, resumed.ToString());
        Assert.Contains("without --resume", resumed.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_another_dimension_is_refused_with_exit_2_and_the_servers_reason()
    {
        var name = McctlFixture.NewLibrary("dims");
        var created = await mesh.RunAsync("library", "create", name, "--dimension", "3");
        var file = mesh.File(name + ".npy");
        InputFiles.Npy(file, InputFiles.Blobs(10));

        var ingest = await mesh.RunAsync("ingest", name, file);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(ingest.ExitCode == 2, ingest.ToString());
        Assert.Contains("points[0].vector", ingest.Errors, StringComparison.Ordinal);
        Assert.Contains("dimension 3", ingest.Errors, StringComparison.Ordinal);
    }
}
