using System.Diagnostics;
using System.Net;
using Grpc.Core;
using Grpc.Net.Client.Internal;

namespace Grpc.Net.Client;

/// <summary>A connection pool to one gRPC server over HTTP/2 (h2c for http://, TLS for https://).</summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly bool _disposeInvoker;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.Authority)
    {
        Address = address;
        Options = options;
        _invoker = new HttpMessageInvoker(options.HttpHandler ?? CreateHandler(options), disposeHandler: options.DisposeHttpHandler);
        _disposeInvoker = true;
    }

    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Address '{address}' must start with http:// (h2c) or https:// (TLS).", nameof(address));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public override CallInvoker CreateCallInvoker() => new GrpcCallInvoker(this);

    public void Dispose()
    {
        if (_disposeInvoker)
        {
            _invoker.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options) => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = options.KeepAlivePingDelay,
        KeepAlivePingTimeout = options.KeepAlivePingTimeout,
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        AutomaticDecompression = DecompressionMethods.None,

        // The call sets traceparent itself from its own client span; the handler must not add a second one.
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
    };
}
