using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>
/// One server call over one HTTP/2 stream: its deadline, cancellation, headers, message I/O and final status.
/// Every write to the response goes through one lock so the deadline timer and the handler never interleave.
/// </summary>
internal sealed class HttpContextServerCallContext : ServerCallContext, IAsyncDisposable
{
    private readonly GrpcServiceOptions _options;
    private readonly ILogger _logger;
    // Only a call with a deadline has two writers (the handler and the deadline timer): others need no lock.
    private SemaphoreSlim? _writeLock;
    private CancellationTokenSource? _callCts;
    [ThreadStatic]
    private static FramingSerializationContext? t_serializer;
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenRegistration _deadlineRegistration;
    private Task? _deadlineTask;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private DateTime _deadline = DateTime.MaxValue;
    private string? _responseEncoding;
    private bool _headersSent;
    private bool _completed;

    public HttpContextServerCallContext(HttpContext httpContext, IMethod method, GrpcServiceOptions options, ILogger logger)
    {
        HttpContext = httpContext;
        MethodInfo = method;
        _options = options;
        _logger = logger;
        RequestEncoding = httpContext.Request.Headers[GrpcProtocol.EncodingHeader].ToString() is { Length: > 0 } e ? e : null;
    }

    public HttpContext HttpContext { get; }

    public IMethod MethodInfo { get; }

    public string? RequestEncoding { get; }

    public int? MaxReceiveMessageSize => _options.MaxReceiveMessageSize;

    public bool DeadlineExpired { get; private set; }

    protected override string MethodCore => MethodInfo.FullName;

    protected override string HostCore => HttpContext.Request.Host.Value ?? "";

    protected override string PeerCore => HttpContext.Connection.RemoteIpAddress is { } ip
        ? $"{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4")}:{ip}:{HttpContext.Connection.RemotePort}"
        : "unknown";

    protected override DateTime DeadlineCore => _deadline;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= ReadRequestHeaders();

    protected override CancellationToken CancellationTokenCore => _callCts?.Token ?? HttpContext.RequestAborted;

    private bool CallCancelled => _callCts?.IsCancellationRequested ?? HttpContext.RequestAborted.IsCancellationRequested;

    private Task EnterWriteAsync(CancellationToken token) => _writeLock is null ? Task.CompletedTask : _writeLock.WaitAsync(token);

    private void ExitWrite() => _writeLock?.Release();

    protected override Metadata ResponseTrailersCore => _responseTrailers ??= [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    /// <summary>Checks the call's own headers and starts its deadline; throws RpcException for what the client got wrong.</summary>
    public void Initialize()
    {
        // A gRPC stream may run for hours and carry any amount of data: HTTP request limits do not apply.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (HttpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (RequestEncoding is not null && !GrpcProtocol.IsSupportedEncoding(RequestEncoding))
        {
            HttpContext.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
            throw new RpcException(new Status(StatusCode.Unimplemented,
                $"grpc-encoding '{RequestEncoding}' is not supported; this server accepts {GrpcProtocol.SupportedEncodings}."));
        }

        _responseEncoding = ChooseResponseEncoding(_options.ResponseCompressionAlgorithm);
        var timeout = HttpContext.Request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeout.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeout, out var span))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"grpc-timeout '{timeout}' is malformed: expected 1 to 8 digits and a unit H, M, S, m, u or n (for example 500m)."));
            }

            StartDeadline(span);
        }
    }

    public ValueTask<T?> ReadMessageAsync<T>(Marshaller<T> marshaller)
        where T : class =>
        MessageReader.ReadAsync(HttpContext.Request.BodyReader, marshaller, _options.MaxReceiveMessageSize, RequestEncoding, "request", CancellationTokenCore);

    public async Task WriteMessageAsync<T>(T message, Marshaller<T> marshaller, WriteOptions? writeOptions, bool flush)
    {
        await EnterWriteAsync(CancellationTokenCore).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException($"Cannot write to {MethodInfo.FullName}: the call has already ended.");
            }

            SendHeadersIfNeeded();
            var options = writeOptions ?? WriteOptionsCore;
            var serializer = t_serializer ??= new FramingSerializationContext();
            serializer.Reset(HttpContext.Response.BodyWriter, _responseEncoding is not null && (options?.Flags & WriteFlags.NoCompress) == 0, _options.MaxSendMessageSize);
            try
            {
                marshaller.ContextualSerializer(message, serializer);
            }
            finally
            {
                serializer.Clear();
            }

            if (flush)
            {
                await HttpContext.Response.BodyWriter.FlushAsync(CancellationTokenCore).ConfigureAwait(false);
            }
        }
        finally
        {
            ExitWrite();
        }
    }

    protected override async Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        await EnterWriteAsync(CancellationTokenCore).ConfigureAwait(false);
        try
        {
            if (_headersSent || _completed)
            {
                throw new InvalidOperationException($"Response headers of {MethodInfo.FullName} were already sent; they can be sent only once per call.");
            }

            foreach (var entry in responseHeaders)
            {
                if (entry.Key == GrpcProtocol.InternalEncodingRequestHeader)
                {
                    _responseEncoding = ChooseResponseEncoding(entry.Value);
                    continue;
                }

                HttpContext.Response.Headers.Append(entry.Key, MetadataCodec.EncodeValue(entry));
            }

            SendHeadersIfNeeded();
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationTokenCore).ConfigureAwait(false);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Turns what the handler threw into the call's status; trailers it carried go to the client.</summary>
    public void SetStatusFromException(Exception exception)
    {
        switch (exception)
        {
            case RpcException rpc:
                StatusCore = rpc.Status;
                foreach (var entry in rpc.Trailers)
                {
                    ResponseTrailersCore.Add(entry);
                }

                break;
            case OperationCanceledException or IOException or ConnectionAbortedException when CallCancelled:
                StatusCore = DeadlineExpired
                    ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")
                    : new Status(StatusCode.Cancelled, "Call cancelled by the client.");
                break;
            default:
                ServerLog.HandlerFailed(_logger, MethodInfo.FullName, exception);
                StatusCore = new Status(StatusCode.Unknown, _options.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                    : "Exception was thrown by handler.", exception);
                break;
        }
    }

    /// <summary>Sends the final status, as trailers or, when nothing else was sent, as a trailers-only response.</summary>
    public async Task EndCallAsync()
    {
        await _deadlineRegistration.DisposeAsync().ConfigureAwait(false);
        if (_deadlineTask is not null)
        {
            await _deadlineTask.ConfigureAwait(false);
        }

        await EnterWriteAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!_completed && !HttpContext.RequestAborted.IsCancellationRequested)
            {
                _completed = true;
                WriteStatus();
            }
        }
        finally
        {
            ExitWrite();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _deadlineRegistration.DisposeAsync().ConfigureAwait(false);
        _deadlineCts?.Dispose();
        _callCts?.Dispose();
        _writeLock?.Dispose();
    }

    private void StartDeadline(TimeSpan timeout)
    {
        _deadline = DateTime.UtcNow + timeout;
        _writeLock = new SemaphoreSlim(1, 1);
        _callCts = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        _deadlineCts = new CancellationTokenSource(timeout <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : timeout);
        _deadlineRegistration = _deadlineCts.Token.Register(() => _deadlineTask = OnDeadlineAsync());
    }

    private async Task OnDeadlineAsync()
    {
        DeadlineExpired = true;
        ServerLog.DeadlineExceeded(_logger, MethodInfo.FullName);

        // Cancel first: a handler blocked in a flush holds the write lock until its token fires.
        await _callCts!.CancelAsync().ConfigureAwait(false);
        await _writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed || HttpContext.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            _completed = true;
            StatusCore = new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
            WriteStatus();
            await HttpContext.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The client went away while we answered; there is no one left to tell.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void SendHeadersIfNeeded()
    {
        if (_headersSent)
        {
            return;
        }

        _headersSent = true;
        var response = HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        if (_responseEncoding is not null)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = _responseEncoding;
        }
    }

    private void WriteStatus()
    {
        var status = StatusCore;
        if (status.StatusCode == StatusCode.Unimplemented && status.Detail.Length == 0)
        {
            // Generated base classes throw this with no message; say what is missing.
            status = new Status(StatusCode.Unimplemented, $"Method {MethodInfo.ServiceName}/{MethodInfo.Name} is not implemented by this server yet.");
        }

        var response = HttpContext.Response;
        IHeaderDictionary target;
        if (!_headersSent && !response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcProtocol.ContentType;
            target = response.Headers;
        }
        else if (HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers is { IsReadOnly: false } trailers)
        {
            target = trailers;
        }
        else
        {
            ServerLog.TrailersNotSupported(_logger, MethodInfo.FullName);
            return;
        }

        target.Append(GrpcProtocol.StatusHeader, ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (status.Detail.Length > 0)
        {
            target.Append(GrpcProtocol.MessageHeader, StatusMessageEncoding.Encode(status.Detail));
        }

        if (_responseTrailers is null)
        {
            return;
        }

        foreach (var entry in _responseTrailers)
        {
            target.Append(entry.Key, MetadataCodec.EncodeValue(entry));
        }
    }

    private string? ChooseResponseEncoding(string? wanted)
    {
        if (wanted is null || wanted.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var accepted = HttpContext.Request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString();
        foreach (var a in accepted.Split(',', StringSplitOptions.TrimEntries))
        {
            if (a.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return GrpcProtocol.IsSupportedEncoding(wanted) ? wanted.ToLowerInvariant() : null;
            }
        }

        return null;
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (name, values) in HttpContext.Request.Headers)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                MetadataCodec.AddHeader(metadata, name, value ?? "");
            }
        }

        return metadata;
    }
}
