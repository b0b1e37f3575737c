using Grpc.Core;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.Replicas;

/// <summary>Asserts that a call is refused with a status and a message that starts with the request field at fault.</summary>
internal static class Refusal
{
    public static async Task AssertAsync(Func<Task> call, StatusCode expected, string field)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => call().Within());

        Assert.Equal(expected, refused.StatusCode);
        Assert.StartsWith(field + ": ", refused.Status.Detail, StringComparison.Ordinal);
    }
}
