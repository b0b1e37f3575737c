using Grpc.Net.Client;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Interop;

/// <summary>Our runtime as the client, @grpc/grpc-js as the server.</summary>
public sealed class OurClientToGrpcJsServerTests(GrpcJsServerFixture fixture) : IClassFixture<GrpcJsServerFixture>
{
    public static TheoryData<string> Cases => new(InteropClient.TestCases);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InteropCase_Passes(string testCase)
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);

        await InteropClient.RunAsync(channel, testCase).Within();
    }
}
