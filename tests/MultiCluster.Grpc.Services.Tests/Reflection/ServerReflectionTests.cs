using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;
using MultiCluster.Grpc.Services.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;
using Case = Grpc.Reflection.V1.ServerReflectionResponse.MessageResponseOneofCase;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace MultiCluster.Grpc.Services.Tests.Reflection;

public sealed class ServerReflectionTests : IAsyncLifetime
{
    private static readonly string[] ServedServices =
    [
        "greet.v1.Greeter",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ];

    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ServicesTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ListServices_V1_ListsEveryMappedServiceIncludingReflection()
    {
        using var channel = _server.CreateChannel();

        var response = await ReflectionClient.AskAsync(channel, new ServerReflectionRequest { ListServices = "*" });

        Assert.Equal(Case.ListServicesResponse, response.MessageResponseCase);
        Assert.Equal(ServedServices, response.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task ListServices_V1Alpha_ListsEveryMappedServiceIncludingReflection()
    {
        using var channel = _server.CreateChannel();

        var response = await ReflectionClient.AskV1AlphaAsync(channel, new V1Alpha.ServerReflectionRequest { ListServices = "" });

        Assert.Equal(V1Alpha.ServerReflectionResponse.MessageResponseOneofCase.ListServicesResponse, response.MessageResponseCase);
        Assert.Equal(ServedServices, response.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task FileContainingSymbol_Service_ReturnsItsFileFirstWithEveryImport()
    {
        using var channel = _server.CreateChannel();

        var response = await ReflectionClient.AskAsync(channel, new ServerReflectionRequest { FileContainingSymbol = "greet.v1.Greeter" });

        var files = ReflectionClient.Files(response);
        Assert.Equal("greet/v1/greet.proto", files[0].Name);
        Assert.Contains(files[0].Service, s => s.Name == "Greeter");
        Assert.Equal(["greet/v1/greet.proto", "google/protobuf/timestamp.proto"], files.Select(f => f.Name));
        var built = ReflectionClient.Build(response);
        Assert.NotNull(built.Single(f => f.Name == "greet/v1/greet.proto").FindTypeByName<ServiceDescriptor>("Greeter"));
    }

    [Fact]
    public async Task FileContainingSymbol_Method_ReturnsFileDeclaringIt()
    {
        using var channel = _server.CreateChannel();

        var response = await ReflectionClient.AskAsync(channel, new ServerReflectionRequest { FileContainingSymbol = "greet.v1.Greeter.SayHello" });

        var greeter = ReflectionClient.Files(response)[0];
        Assert.Contains(greeter.Service.Single(s => s.Name == "Greeter").Method, m => m.Name == "SayHello");
    }

    [Theory]
    [InlineData("greet.v1.HelloRequest", "greet/v1/greet.proto")]
    [InlineData("greet.v1.HelloReply.Signature", "greet/v1/greet.proto")]
    [InlineData("greet.v1.Tone", "greet/v1/greet.proto")]
    [InlineData("greet.v1.HelloReply.sent_at", "greet/v1/greet.proto")]
    [InlineData("google.protobuf.Timestamp", "google/protobuf/timestamp.proto")]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto")]
    [InlineData("grpc.reflection.v1alpha.ServerReflection.ServerReflectionInfo", "grpc/reflection/v1alpha/reflection.proto")]
    public async Task FileContainingSymbol_TypesNestedNamesAndImports_ResolveToTheirFile(string symbol, string file)
    {
        using var channel = _server.CreateChannel();

        var response = await ReflectionClient.AskAsync(channel, new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(file, ReflectionClient.Files(response)[0].Name);
    }

    [Fact]
    public async Task FileContainingSymbol_UnknownSymbol_ReturnsNotFoundErrorResponse()
    {
        using var channel = _server.CreateChannel();

        var response = await ReflectionClient.AskAsync(channel, new ServerReflectionRequest { FileContainingSymbol = "greet.v1.Nobody" });

        Assert.Equal(Case.ErrorResponse, response.MessageResponseCase);
        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
        Assert.Contains("greet.v1.Nobody", response.ErrorResponse.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileByFilename_KnownFile_ReturnsItWithImports_UnknownFile_ReturnsNotFound()
    {
        using var channel = _server.CreateChannel();

        var responses = await ReflectionClient.AskAsync(channel,
            new ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" },
            new ServerReflectionRequest { FileByFilename = "greet.proto" });

        Assert.Equal("grpc/health/v1/health.proto", ReflectionClient.Files(responses[0]).Single().Name);
        Assert.Equal((int)StatusCode.NotFound, responses[1].ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task Extensions_KnownTypeHasNone_EmptyNumbers_UnknownTypeOrExtension_NotFound()
    {
        using var channel = _server.CreateChannel();

        var responses = await ReflectionClient.AskAsync(channel,
            new ServerReflectionRequest { AllExtensionNumbersOfType = "greet.v1.HelloRequest" },
            new ServerReflectionRequest { AllExtensionNumbersOfType = "greet.v1.Nobody" },
            new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = "greet.v1.HelloRequest", ExtensionNumber = 100 } });

        Assert.Equal(Case.AllExtensionNumbersResponse, responses[0].MessageResponseCase);
        Assert.Equal("greet.v1.HelloRequest", responses[0].AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(responses[0].AllExtensionNumbersResponse.ExtensionNumber);
        Assert.Equal((int)StatusCode.NotFound, responses[1].ErrorResponse.ErrorCode);
        Assert.Equal((int)StatusCode.NotFound, responses[2].ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task EveryResponse_EchoesHostAndOriginalRequest_InRequestOrder()
    {
        using var channel = _server.CreateChannel();
        ServerReflectionRequest[] requests =
        [
            new() { Host = "api.example", ListServices = "" },
            new() { Host = "api.example", FileContainingSymbol = "greet.v1.Greeter" },
            new() { Host = "api.example", FileContainingSymbol = "no.such.Symbol" },
            new() { Host = "api.example" },
        ];

        var responses = await ReflectionClient.AskAsync(channel, requests);

        Assert.Equal(requests, responses.Select(r => r.OriginalRequest));
        Assert.All(responses, r => Assert.Equal("api.example", r.ValidHost));
        Assert.Equal([Case.ListServicesResponse, Case.FileDescriptorResponse, Case.ErrorResponse, Case.ErrorResponse], responses.Select(r => r.MessageResponseCase));
        Assert.Equal((int)StatusCode.Unimplemented, responses[3].ErrorResponse.ErrorCode);
    }
}
