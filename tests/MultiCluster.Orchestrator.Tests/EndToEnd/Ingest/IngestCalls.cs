using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Ingest;

/// <summary>What the ingest tests build and call over and over, each call bounded.</summary>
internal static class IngestCalls
{
    public static async Task<Library> CreateAsync(this OrchestratorFixture mesh, string name, uint dimension, Distance distance = Distance.Cosine) =>
        (await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = name, Dimension = dimension, Distance = distance }).ResponseAsync.Within()).Library;

    public static Point Point(long id, float[] vector, string? label = null)
    {
        var point = new Point { Id = id.ToString(CultureInfo.InvariantCulture) };
        point.Vector.AddRange(vector);
        if (label is not null)
        {
            point.Payload = new Struct { Fields = { ["label"] = Value.ForString(label) } };
        }

        return point;
    }

    public static async Task<UpsertResponse> UpsertAsync(this OrchestratorFixture mesh, string library, IEnumerable<Point> points, bool assignments = true)
    {
        var request = new UpsertRequest { Library = library, Wait = true, ReturnAssignments = assignments };
        request.Points.AddRange(points);
        return await mesh.Client.UpsertAsync(request).ResponseAsync.Within();
    }

    public static async Task<GetResponse> GetAsync(this OrchestratorFixture mesh, string library, params string[] ids)
    {
        var request = new GetRequest { Library = library, WithPayload = true };
        request.Ids.AddRange(ids);
        return await mesh.Client.GetAsync(request).ResponseAsync.Within();
    }

    /// <summary>The status an UpsertStream of these messages fails with (the test fails when it succeeds).</summary>
    public static Task<Status> StreamRefusalAsync(this OrchestratorFixture mesh, params UpsertStreamRequest[] messages) => RefusalAsync(async () =>
    {
        using var call = mesh.Client.UpsertStream(deadline: DateTime.UtcNow + Bounded.Timeout);
        foreach (var message in messages)
        {
            await call.RequestStream.WriteAsync(message);
        }

        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    });

    /// <summary>Checks that a call is refused with <paramref name="code"/> and a message starting with <paramref name="field"/>.</summary>
    public static async Task RefusedAsync<T>(Func<Task<T>> call, StatusCode code, string field)
    {
        var refused = await RefusalAsync(call);
        Assert.Equal(code, refused.StatusCode);
        Assert.StartsWith(field, refused.Detail, StringComparison.Ordinal);
    }

    /// <summary>The status a call fails with (the test fails when it succeeds).</summary>
    public static async Task<Status> RefusalAsync<T>(Func<Task<T>> call) =>
        (await Assert.ThrowsAsync<RpcException>(() => call().Within())).Status;
}
