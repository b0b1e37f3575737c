using Grpc.Core;
using Grpc.Reflection.V1;
using Microsoft.AspNetCore.Builder;
using MultiCluster.Grpc.Services.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.Grpc.Services.Tests.Reflection;

/// <summary>A service mapped from delegates has no generated descriptor: reflection still lists it and says why it cannot describe it.</summary>
public sealed class UndescribedServiceTests
{
    private static readonly Method<string, string> Echo = new(MethodType.Unary, "raw.v1.Echo", "Say", Marshallers.StringMarshaller, Marshallers.StringMarshaller);

    [Fact]
    public async Task ServiceMappedFromDefinition_IsListed_AndDescribingItExplainsWhyNot()
    {
        var definition = ServerServiceDefinition.CreateBuilder().AddMethod(Echo, (request, _) => Task.FromResult(request)).Build();
        await using var server = await ServicesTestServer.StartAsync(app => app.MapGrpcService(definition));
        using var channel = server.CreateChannel();

        var responses = await ReflectionClient.AskAsync(channel,
            new ServerReflectionRequest { ListServices = "" },
            new ServerReflectionRequest { FileContainingSymbol = "raw.v1.Echo" });

        Assert.Contains(responses[0].ListServicesResponse.Service, s => s.Name == "raw.v1.Echo");
        Assert.Equal((int)StatusCode.NotFound, responses[1].ErrorResponse.ErrorCode);
        Assert.Contains("without generated code", responses[1].ErrorResponse.ErrorMessage, StringComparison.Ordinal);
    }
}
