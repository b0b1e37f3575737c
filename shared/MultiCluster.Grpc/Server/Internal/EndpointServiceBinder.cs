using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Maps each method a service binds to a POST endpoint at /package.Service/Method.</summary>
internal sealed class EndpointServiceBinder<TService>(IEndpointRouteBuilder endpoints, ServerCallHandlerFactory factory) : ServiceBinderBase
    where TService : class
{
    public List<IEndpointConventionBuilder> Conventions { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        Map(method, new UnaryServerCallHandler<TRequest, TResponse>(method, handler ?? ServiceMethodFactory<TService>.Unary<TRequest, TResponse>(method.Name), factory).HandleAsync);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        Map(method, new ClientStreamingServerCallHandler<TRequest, TResponse>(method, handler ?? ServiceMethodFactory<TService>.ClientStreaming<TRequest, TResponse>(method.Name), factory).HandleAsync);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        Map(method, new ServerStreamingServerCallHandler<TRequest, TResponse>(method, handler ?? ServiceMethodFactory<TService>.ServerStreaming<TRequest, TResponse>(method.Name), factory).HandleAsync);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        Map(method, new DuplexStreamingServerCallHandler<TRequest, TResponse>(method, handler ?? ServiceMethodFactory<TService>.DuplexStreaming<TRequest, TResponse>(method.Name), factory).HandleAsync);

    private void Map(IMethod method, RequestDelegate handle)
    {
        // Any HTTP method reaches the handler, so a GET gets a gRPC-shaped refusal rather than a bare 405.
        var builder = endpoints.Map(method.FullName, handle)
            .WithMetadata(new GrpcMethodMetadata(typeof(TService), method))
            .WithDisplayName($"gRPC - {method.FullName}");
        Conventions.Add(builder);
    }
}
