namespace Grpc.Core.Interceptors;

/// <summary>The call a client interceptor sees: its method and options, which it may replace.</summary>
public readonly struct ClientInterceptorContext<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    where TRequest : class
    where TResponse : class
{
    public Method<TRequest, TResponse> Method { get; } = method;

    public string? Host { get; } = host;

    public CallOptions Options { get; } = options;
}
