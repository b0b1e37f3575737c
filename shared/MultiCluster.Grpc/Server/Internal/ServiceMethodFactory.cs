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

    // A service that is not registered and has a public parameterless constructor needs nothing from DI:
    // create it without touching RequestServices (which builds a DI scope per request).
    private static readonly bool s_plain = typeof(TService).GetConstructor(Type.EmptyTypes) is not null;
    private static bool? s_registered;
    private static readonly Func<TService> s_new = s_plain
        ? System.Linq.Expressions.Expression.Lambda<Func<TService>>(System.Linq.Expressions.Expression.New(typeof(TService))).Compile()
        : () => throw new InvalidOperationException();

    private static TService Activate(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (s_plain)
        {
            s_registered ??= http.RequestServices.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) ?? true;
            if (s_registered == false)
            {
                var plain = s_new();
                if (plain is IDisposable or IAsyncDisposable)
                {
                    http.Response.RegisterForDisposeAsync(plain as IAsyncDisposable ?? new DisposableAdapter((IDisposable)plain));
                }

                return plain;
            }
        }

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

    private sealed class DisposableAdapter(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
