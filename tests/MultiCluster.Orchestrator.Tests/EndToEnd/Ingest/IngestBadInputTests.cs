using Grpc.Core;
using MultiCluster.Contracts.V1;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Ingest.IngestCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Ingest;

/// <summary>Bad input to the write and read-by-id RPCs: the right status, a message starting with the field, nothing half-done.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class IngestBadInputTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task Upsert_ToAnUnknownLibrary_IsNotFound_NamingIt()
    {
        var refused = await RefusalAsync(() => mesh.UpsertAsync("ing-nowhere", [Point(1, [1, 0])]));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.StartsWith("library: no library 'ing-nowhere'", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_AllOfTheWrongDimension_IsInvalid_NamingThePointsVector()
    {
        await mesh.CreateAsync("ing-bad-dim", 3);

        var refused = await RefusalAsync(() => mesh.UpsertAsync("ing-bad-dim", [Point(1, [1, 0]), Point(2, [1, 0])]));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("points[0].vector: 2 values, but library 'ing-bad-dim' has dimension 3", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_WithSomeBadPoints_WritesTheGoodOnes_AndListsEachBadOneByField()
    {
        await mesh.CreateAsync("ing-mixed", 2);
        var bad = new[] { Point(1, [1, 0]), new Point { Id = "01", Vector = { 1, 0 } }, Point(3, [float.NaN, 0]), Point(4, [1, 0, 0]), new Point { Id = "not-an-id", Vector = { 0, 1 } } };

        var response = await mesh.UpsertAsync("ing-mixed", bad);

        Assert.Equal((1ul, true), (response.UpsertedCount, response.Partial));
        Assert.Equal(["points[1].id:", "points[2].vector[0]:", "points[3].vector:", "points[4].id:"], response.Failures.Select(f => f.Reason.Split(' ')[0]));
        Assert.All(response.Failures, f => Assert.Equal("INVALID_ARGUMENT", f.Code));
        Assert.Equal(["1"], (await mesh.GetAsync("ing-mixed", "1", "3", "4")).Points.Select(p => p.Id));
    }

    [Fact]
    public async Task Upsert_OfMoreThanTenThousandPoints_IsResourceExhausted_AndEmpty_IsInvalid()
    {
        await mesh.CreateAsync("ing-too-many", 1);

        var tooMany = await RefusalAsync(() => mesh.UpsertAsync("ing-too-many", Enumerable.Range(1, 10_001).Select(i => Point(i, [i]))));
        var none = await RefusalAsync(() => mesh.UpsertAsync("ing-too-many", []));

        Assert.Equal((StatusCode.ResourceExhausted, StatusCode.InvalidArgument), (tooMany.StatusCode, none.StatusCode));
        Assert.StartsWith("points: 10,001 points in one batch; at most 10,000", tooMany.Detail, StringComparison.Ordinal);
        Assert.StartsWith("points: no points given", none.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertStream_ThatChangesLibrary_IsInvalid_NamingTheLibraryField()
    {
        await mesh.CreateAsync("ing-stream-a", 1);

        var refused = await mesh.StreamRefusalAsync(
            new UpsertStreamRequest { Library = "ing-stream-a", Points = { Point(1, [1]) } },
            new UpsertStreamRequest { Library = "ing-stream-b", Points = { Point(2, [1]) } });

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("library: message 2 names 'ing-stream-b' but the stream writes 'ing-stream-a'", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertStream_WithAnOversizedMessage_IsResourceExhausted_NamingIt()
    {
        await mesh.CreateAsync("ing-stream-big", 1);
        var message = new UpsertStreamRequest { Library = "ing-stream-big" };
        message.Points.AddRange(Enumerable.Range(1, 10_001).Select(i => Point(i, [i])));

        var refused = await mesh.StreamRefusalAsync(message);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.StartsWith("points (message 1): 10,001 points in one batch", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RefusesAnEmptyFilter_AMalformedKey_AndNoSelector()
    {
        await mesh.CreateAsync("ing-del-bad", 1);
        var badKey = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "a..b", Match = new MatchCondition { Value = new MatchValue { Keyword = "x" } } } } } };

        var empty = await RefusalAsync(() => mesh.Client.DeleteAsync(new DeleteRequest { Library = "ing-del-bad", Filter = new Filter() }).ResponseAsync);
        var key = await RefusalAsync(() => mesh.Client.DeleteAsync(new DeleteRequest { Library = "ing-del-bad", Filter = badKey }).ResponseAsync);
        var none = await RefusalAsync(() => mesh.Client.DeleteAsync(new DeleteRequest { Library = "ing-del-bad" }).ResponseAsync);

        Assert.All([empty, key, none], s => Assert.Equal(StatusCode.InvalidArgument, s.StatusCode));
        Assert.StartsWith("filter: empty", empty.Detail, StringComparison.Ordinal);
        Assert.StartsWith("filter.must[0].field.key: 'a..b' is not a payload key", key.Detail, StringComparison.Ordinal);
        Assert.StartsWith("ids: neither ids nor filter set", none.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RefusesNoIds_ABadId_AndTooMany()
    {
        await mesh.CreateAsync("ing-get-bad", 1);

        var none = await RefusalAsync(() => mesh.GetAsync("ing-get-bad"));
        var bad = await RefusalAsync(() => mesh.GetAsync("ing-get-bad", "1", "-2"));
        var many = await RefusalAsync(() => mesh.GetAsync("ing-get-bad", [.. Enumerable.Range(1, 1_001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.ResourceExhausted), (none.StatusCode, bad.StatusCode, many.StatusCode));
        Assert.StartsWith("ids: no ids given", none.Detail, StringComparison.Ordinal);
        Assert.StartsWith("ids[1]: '-2' is not a point id", bad.Detail, StringComparison.Ordinal);
        Assert.StartsWith("ids: 1,001 ids in one call; at most 1,000", many.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLibraryStatus_OfAnUnknownLibrary_IsNotFound_NamingTheNameField()
    {
        var refused = await RefusalAsync(() => mesh.Client.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = "ing-none" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.StartsWith("name: no library 'ing-none'", refused.Detail, StringComparison.Ordinal);
    }
}
