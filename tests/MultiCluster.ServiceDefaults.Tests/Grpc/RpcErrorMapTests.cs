using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.ServiceDefaults.Grpc;
using Npgsql;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Grpc;

/// <summary>What a caller gets when a service's logic throws: the status of the refusal, or UNAVAILABLE with what to do.</summary>
public sealed class RpcErrorMapTests
{
    private static readonly RpcErrorMap Map = new("example", e => e is ArgumentException ? StatusCode.InvalidArgument : null);

    [Fact]
    public async Task ARefusal_AnswersTheStatusItsTableGives_WithItsMessage()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Map.Answer<int>(() => throw new ArgumentException("moves[2].target: no cluster 'x'; name a configured one.")));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("moves[2].target: no cluster 'x'; name a configured one.", ex.Status.Detail);
    }

    [Fact]
    public async Task AClusterThatDidNotAnswer_AnswersUnavailable_NamingTheClusterAndWhatToDo()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Map.Answer(() => throw new ClusterUnavailableException("connection refused.", "local-b")));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.StartsWith("cluster local-b did not answer as needed: connection refused.", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("HealthCheckClusters", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatabaseThatDidNotAnswer_AnswersUnavailable_NamingTheServicesDatabase()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Map.Answer<int>(() => throw new NpgsqlException("the server closed the connection")));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("the example database did not answer (the server closed the connection); try again shortly.", ex.Status.Detail);
    }

    [Fact]
    public async Task AnyOtherException_StaysWhatItIs()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Map.Answer(() => throw new InvalidOperationException("a bug")));
    }
}
