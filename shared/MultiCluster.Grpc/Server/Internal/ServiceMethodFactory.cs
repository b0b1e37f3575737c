using System.Reflection;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>
/// Turns a generated service's virtual methods into handler delegates that create the service per call
/// (from DI when it is registered, otherwise with its constructor dependencies), as grpc-dotnet does.
/// </summary>
internal static class ServiceMethodFactory<TService>
    where TService : class
{
    private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    public static UnaryServerMethod<TRequest, TResponse> Unary<TRequest, TResponse>(string name)
        where TRequest : class
        where TResponse : class
    {
        var invoke = Bind<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(name, typeof(TRequest), typeof(ServerCallContext));
        return (request, context) => invoke(Activate(context), request, context);
    }

    public static ClientStreamingServerMethod<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(string name)
        where TRequest : class
        where TResponse : class
    {
        var invoke = Bind<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        return (requests, context) => invoke(Activate(context), requests, context);
    }

    public static ServerStreamingServerMethod<TRequest, TResponse> ServerStreaming<TRequest, TResponse>(string name)
        where TRequest : class
        where TResponse : class
    {
        var invoke = Bind<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        return (request, responses, context) => invoke(Activate(context), request, responses, context);
    }

    public static DuplexStreamingServerMethod<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(string name)
        where TRequest : class
        where TResponse : class
    {
        var invoke = Bind<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        return (requests, responses, context) => invoke(Activate(context), requests, responses, context);
    }

    private static TDelegate Bind<TDelegate>(string name, params Type[] parameters)
        where TDelegate : Delegate
    {
        var method = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no public method {name}({string.Join(", ", parameters.Select(p => p.Name))}); is it derived from the generated base class?");
        return method.CreateDelegate<TDelegate>();
    }

    private static TService Activate(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.RequestServices.GetService<TService>() is { } registered)
        {
            return registered;
        }

        var service = (TService)Factory(http.RequestServices, null);
        if (service is IAsyncDisposable asyncDisposable)
        {
            http.Response.RegisterForDisposeAsync(asyncDisposable);
        }
        else if (service is IDisposable disposable)
        {
            http.Response.RegisterForDispose(disposable);
        }

        return service;
    }
}
