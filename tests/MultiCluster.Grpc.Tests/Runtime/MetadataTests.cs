using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using MultiCluster.Grpc.Tests.Interop;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

public sealed class MetadataTests
{
    private sealed class DetailsService : TestService.TestServiceBase
    {
        public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) =>
            throw new RpcException(
                new Status(StatusCode.FailedPrecondition, "library 'docs' is being migrated"),
                new Metadata { { "grpc-status-details-bin", new byte[] { 8, 9, 0, 255 } }, { "retry-after-ms", "250" } });
    }

    [Fact]
    public async Task AsciiAndBinaryMetadata_RoundTripThroughHeadersAndTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>());
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);
        var binary = new byte[] { 0xab, 0xab, 0xab, 0x00, 0xff };

        var call = client.UnaryCallAsync(new SimpleRequest { ResponseSize = 1 }, new Metadata
        {
            { "x-grpc-test-echo-initial", "test_initial_metadata_value" },
            { "x-grpc-test-echo-trailing-bin", binary },
        });
        await call.ResponseAsync.Within();

        Assert.Equal("test_initial_metadata_value", (await call.ResponseHeadersAsync.Within()).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(binary, call.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    [Fact]
    public async Task StatusDetailsBin_AndCustomTrailers_ReachTheClientWithTheError()
    {
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<DetailsService>());
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.EmptyCallAsync(new Empty()).ResponseAsync.Within());

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("library 'docs' is being migrated", ex.Status.Detail);
        Assert.Equal(new byte[] { 8, 9, 0, 255 }, ex.Trailers.GetValueBytes("grpc-status-details-bin"));
        Assert.Equal("250", ex.Trailers.GetValue("retry-after-ms"));
    }

    [Fact]
    public void Metadata_KeyWithUpperCaseOrSpaces_IsNormalizedOrRefused()
    {
        var metadata = new Metadata { { "X-Tenant", "a" } };

        Assert.Equal("x-tenant", metadata[0].Key);
        Assert.Throws<ArgumentException>(() => metadata.Add("bad key", "v"));
        Assert.Throws<ArgumentException>(() => metadata.Add("text-bin", "not bytes"));
    }
}
