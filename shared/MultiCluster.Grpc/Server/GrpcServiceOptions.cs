using Grpc.Core.Interceptors;

namespace Grpc.AspNetCore.Server;

/// <summary>Server-wide settings for every gRPC service the host maps.</summary>
public sealed class GrpcServiceOptions
{
    /// <summary>Largest request message accepted, in bytes; larger ones fail with RESOURCE_EXHAUSTED. Null means no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = Grpc.Core.GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent, in bytes. Null means no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Compress responses with this algorithm ("gzip") when the client accepts it.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Put exception messages in the status sent to clients. Off by default: they can leak internals.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Server interceptors, outermost first.</summary>
    public InterceptorCollection Interceptors { get; } = [];
}

/// <summary>Interceptor registrations: a type resolved per call from DI (or created), or one shared instance.</summary>
public sealed class InterceptorCollection : List<InterceptorRegistration>
{
    public void Add<TInterceptor>(params object[] args)
        where TInterceptor : Interceptor => Add(new InterceptorRegistration(typeof(TInterceptor), args, null));

    public void Add(Interceptor instance) => Add(new InterceptorRegistration(instance.GetType(), [], instance));
}

/// <summary>One interceptor to put around every call.</summary>
public sealed record InterceptorRegistration(Type Type, object[] Arguments, Interceptor? Instance);
