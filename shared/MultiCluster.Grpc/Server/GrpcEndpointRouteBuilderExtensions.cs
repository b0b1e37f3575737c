using System.Reflection;
using Grpc.AspNetCore.Server.Internal;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC services onto endpoint routing.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Maps a service class derived from a generated base (found through its BindServiceMethod attribute).</summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var binder = CreateBinder<TService>(endpoints);
        var (bindType, bindMethodName) = FindBindMethod(typeof(TService));
        var bindMethod = bindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .SingleOrDefault(m => m.Name == bindMethodName && m.GetParameters() is [{ } first, _] && first.ParameterType == typeof(ServiceBinderBase))
            ?? throw new InvalidOperationException($"{bindType.Name}.{bindMethodName}(ServiceBinderBase, …) not found; regenerate the service code.");
        bindMethod.Invoke(null, [binder, null]);
        return new GrpcServiceEndpointConventionBuilder(binder.Conventions);
    }

    /// <summary>Maps a service built from delegates with ServerServiceDefinition.CreateBuilder().</summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServerServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(definition);
        var binder = CreateBinder<object>(endpoints);
        definition.BindService(binder);
        return new GrpcServiceEndpointConventionBuilder(binder.Conventions);
    }

    private static EndpointServiceBinder<TService> CreateBinder<TService>(IEndpointRouteBuilder endpoints)
        where TService : class
    {
        var factory = endpoints.ServiceProvider.GetService<ServerCallHandlerFactory>()
            ?? throw new InvalidOperationException("gRPC services are not registered: call builder.Services.AddGrpc() before MapGrpcService.");

        return new EndpointServiceBinder<TService>(endpoints, factory);
    }

    private static (Type BindType, string BindMethodName) FindBindMethod(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>() is { } attribute)
            {
                return (attribute.BindType, attribute.BindMethodName);
            }
        }

        throw new InvalidOperationException($"{serviceType.Name} is not a gRPC service: derive it from the generated …Base class.");
    }
}
