using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>Snapshots over HTTP: create, list, download, recover (file:// location and upload), checksums.</summary>
public sealed class SnapshotApiTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Snapshot_CreatedListedAndRecoveredIntoANewCollection_HasEveryPoint()
    {
        var name = await SeededAsync();

        var created = (await fixture.Http.PostAsync($"/collections/{name}/snapshots", "{}")).Result;
        var listed = (await fixture.Http.GetAsync($"/collections/{name}/snapshots")).Result;
        var snapshot = created.GetProperty("name").GetString()!;
        var path = Path.Combine(fixture.Node.Options.DataDirectory, "snapshots", name, snapshot);
        var recovered = await fixture.Http.PutAsync($"/collections/{name}_copy/snapshots/recover",
            $$$"""{"location":"file://{{{path}}}","checksum":"{{{created.GetProperty("checksum").GetString()}}}"}""");

        Assert.StartsWith(name + "-", snapshot, StringComparison.Ordinal);
        Assert.EndsWith(".snapshot", snapshot, StringComparison.Ordinal);
        Assert.True(created.GetProperty("size").GetInt64() > 0);
        Assert.Equal(64, created.GetProperty("checksum").GetString()!.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$", created.GetProperty("creation_time").GetString());
        Assert.Contains(snapshot, listed.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.True(recovered.Result.GetBoolean());
        await AssertSameAsSeededAsync($"{name}_copy");
    }

    [Fact]
    public async Task DownloadedSnapshot_UploadedBack_ReplacesTheCollection()
    {
        var name = await SeededAsync();
        var snapshot = (await fixture.Http.PostAsync($"/collections/{name}/snapshots", "")).Result.GetProperty("name").GetString();
        var bytes = await fixture.Http.DownloadAsync($"/collections/{name}/snapshots/{snapshot}");
        await fixture.Http.PostAsync($"/collections/{name}/points/delete?wait=true", """{"points":[1,2,3]}""");

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "snapshot", "upload.snapshot");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/collections/{name}/snapshots/upload?wait=true") { Content = form };
        var uploaded = await fixture.Http.SendAsync(request);

        Assert.True(uploaded.Result.GetBoolean());
        await AssertSameAsSeededAsync(name);
    }

    [Fact]
    public async Task WrongChecksumOrDamagedSnapshot_IsRejected_AndTheTargetIsUntouched()
    {
        var name = await SeededAsync();
        var snapshot = (await fixture.Http.PostAsync($"/collections/{name}/snapshots", "{}")).Result.GetProperty("name").GetString()!;
        var path = Path.Combine(fixture.Node.Options.DataDirectory, "snapshots", name, snapshot);
        var damaged = path + ".damaged";
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(damaged, bytes);

        var wrongChecksum = await fixture.Http.PutAsync($"/collections/{name}/snapshots/recover", $$$"""{"location":"file://{{{path}}}","checksum":"{{{new string('0', 64)}}}"}""");
        var corrupt = await fixture.Http.PutAsync($"/collections/{name}/snapshots/recover", $$$"""{"location":"file://{{{damaged}}}"}""");
        var missing = await fixture.Http.PutAsync($"/collections/{name}/snapshots/recover", """{"location":"file:///nowhere/x.snapshot"}""");

        Assert.Equal(HttpStatusCode.BadRequest, wrongChecksum.Status);
        Assert.Contains("Checksum mismatch", wrongChecksum.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, corrupt.Status);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        await AssertSameAsSeededAsync(name);
    }

    [Fact]
    public async Task UnknownSnapshot_Is404_AndDeleteRemovesIt()
    {
        var name = await SeededAsync();
        var snapshot = (await fixture.Http.PostAsync($"/collections/{name}/snapshots", "{}")).Result.GetProperty("name").GetString();

        var deleted = await fixture.Http.DeleteAsync($"/collections/{name}/snapshots/{snapshot}");
        var gone = await fixture.Http.DeleteAsync($"/collections/{name}/snapshots/{snapshot}");

        Assert.True(deleted.Result.GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal(0, (await fixture.Http.GetAsync($"/collections/{name}/snapshots")).Result.GetArrayLength());
    }

    private async Task<string> SeededAsync()
    {
        var name = await fixture.CreateCollectionAsync(size: 3, distance: "Euclid");
        await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", """
            {"points":[{"id":1,"vector":[0.1,0.2,0.3],"payload":{"t":"a"}},{"id":2,"vector":[1,2,3]},{"id":3,"vector":[-1,0,1],"payload":{"n":{"x":[1,2]}}}]}
            """);
        return name;
    }

    private async Task AssertSameAsSeededAsync(string name)
    {
        var points = (await fixture.Http.PostAsync($"/collections/{name}/points/scroll", """{"limit":10,"with_vector":true}""")).Result.GetProperty("points");
        Assert.Equal([1, 2, 3], points.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal("""[0.1,0.2,0.3]""", points[0].GetProperty("vector").GetRawText());
        Assert.Equal("""{"n":{"x":[1,2]}}""", points[2].GetProperty("payload").GetRawText());
        var config = (await fixture.Http.GetAsync($"/collections/{name}")).Result.GetProperty("config").GetProperty("params").GetProperty("vectors");
        Assert.Equal("Euclid", config.GetProperty("distance").GetString());
    }
}
