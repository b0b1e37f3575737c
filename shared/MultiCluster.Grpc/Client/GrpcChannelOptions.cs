namespace Grpc.Net.Client;

/// <summary>Settings of a channel; the defaults suit most clients.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted, in bytes; larger ones fail with RESOURCE_EXHAUSTED. Null means no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = Grpc.Core.GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent, in bytes. Null means no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>A handler to send through (TLS settings, test servers). By default a SocketsHttpHandler tuned for gRPC.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Dispose the handler with the channel; true unless the handler is shared.</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>How often an idle connection is pinged to keep it (and NATs on the way) alive.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a keep-alive ping may go unanswered before the connection is dropped.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
