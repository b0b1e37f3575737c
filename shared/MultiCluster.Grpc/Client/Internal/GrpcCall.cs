using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// One client call as one HTTP/2 request: headers out, messages both ways, status from trailers.
/// The call ends once: on its status, on cancellation, or on its deadline, whichever comes first.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IDisposable
    where TRequest : class
    where TResponse : class
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _callCts;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenRegistration _cancelRegistration;
    private readonly TaskCompletionSource<Metadata> _headersTcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Activity? _activity;
    private readonly object _lock = new();
    private Task<HttpResponseMessage>? _responseTask;
    private HttpResponseMessage? _response;
    private PipeReader? _responseReader;
    private string? _requestEncoding;
    private string? _responseEncoding;
    private Status? _status;
    private Metadata? _trailers;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _activity = GrpcDiagnostics.StartClientActivity(method);
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            _deadlineCts = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1));
        }

        _callCts = _deadlineCts is null
            ? CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, _deadlineCts.Token);
        _cancelRegistration = _callCts.Token.Register(OnCancelled);
    }

    public Task<Metadata> ResponseHeadersAsync => _headersTcs.Task;

    internal CancellationToken CallToken => _callCts.Token;

    /// <summary>Starts a call with one request message (unary, server streaming).</summary>
    public void Start(TRequest request)
    {
        var payload = new ArrayBufferWriter<byte>();
        var httpRequest = CreateRequest();
        try
        {
            Serialize(request, payload, _options.WriteOptions);
        }
        catch (RpcException ex)
        {
            Finish(ex.Status, Metadata.Empty);
            _responseTask = Task.FromException<HttpResponseMessage>(ex);
            return;
        }

        httpRequest.Content = new SingleMessageContent(payload.WrittenMemory, GrpcContentType);
        _responseTask = SendAsync(httpRequest);
    }

    /// <summary>Starts a call whose requests are streamed (client streaming, duplex).</summary>
    public IClientStreamWriter<TRequest> StartStreaming()
    {
        var request = CreateRequest();
        var content = new StreamingContent(GrpcContentType);
        request.Content = content;
        _responseTask = SendAsync(request);
        return new RequestStreamWriter<TRequest, TResponse>(this, content, _options.WriteOptions);
    }

    internal void Serialize(TRequest message, IBufferWriter<byte> output, WriteOptions? writeOptions)
    {
        var compress = _requestEncoding is not null && ((writeOptions?.Flags ?? 0) & WriteFlags.NoCompress) == 0;
        var context = new FramingSerializationContext(output);
        context.Reset(compress, _channel.Options.MaxSendMessageSize);
        _method.RequestMarshaller.ContextualSerializer(message, context);
    }

    /// <summary>The one response of a unary or client-streaming call; throws RpcException unless the status is OK.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var message = await ReadMessageAsync().ConfigureAwait(false);
        if (message is null)
        {
            ThrowIfFailed();
            throw FailWith(new Status(StatusCode.Internal, $"{_method.FullName} ended OK without a response message."));
        }

        if (await ReadMessageAsync().ConfigureAwait(false) is not null)
        {
            throw FailWith(new Status(StatusCode.Internal, $"{_method.FullName} is unary but the server sent more than one response message."));
        }

        ThrowIfFailed();
        return message;
    }

    /// <summary>The next response message, or null once the call ended OK; throws RpcException when it ended otherwise.</summary>
    public async Task<TResponse?> ReadMessageAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var reader = await GetResponseReaderAsync().ConfigureAwait(false);
            if (reader is null)
            {
                ThrowIfFailed();
                return null;
            }

            using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_callCts.Token, cancellationToken) : null;
            var message = await MessageReader.ReadAsync(reader, _method.ResponseMarshaller, _channel.Options.MaxReceiveMessageSize, _responseEncoding, "response", linked?.Token ?? _callCts.Token).ConfigureAwait(false);
            if (message is null)
            {
                FinishFromTrailers();
                ThrowIfFailed();
            }

            return message;
        }
        catch (Exception ex)
        {
            throw FailFromException(ex);
        }
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call is still running; its status is known once it ends.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call is still running; its trailers are known once it ends.");

    /// <summary>Ends the call: a call still running is cancelled and its stream reset.</summary>
    public void Dispose()
    {
        Finish(new Status(StatusCode.Cancelled, "Call disposed before it ended."), Metadata.Empty);
        _cancelRegistration.Dispose();
        _deadlineCts?.Dispose();
    }

    internal Exception FailFromException(Exception exception)
    {
        if (_status is { } known && known.StatusCode != StatusCode.OK)
        {
            return new RpcException(known, _trailers ?? Metadata.Empty);
        }

        var status = exception switch
        {
            RpcException rpc => rpc.Status,
            OperationCanceledException when _deadlineCts?.IsCancellationRequested == true => new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."),
            OperationCanceledException when _options.CancellationToken.IsCancellationRequested => new Status(StatusCode.Cancelled, "Call cancelled by the client."),
            HttpRequestException { InnerException: HttpProtocolException protocol } => FromProtocolError(protocol),
            HttpProtocolException protocol => FromProtocolError(protocol),
            HttpRequestException http => new Status(StatusCode.Unavailable, $"Error connecting to {_channel.Address}: {http.Message}", http),
            IOException io => new Status(StatusCode.Unavailable, $"Connection to {_channel.Address} failed during the call: {io.Message}", io),
            _ => new Status(StatusCode.Internal, $"Error in the call to {_method.FullName}: {exception.GetType().Name}: {exception.Message}", exception),
        };
        return FailWith(status);
    }

    private RpcException FailWith(Status status)
    {
        Finish(status, _trailers ?? Metadata.Empty);
        var final = _status ?? status;
        return new RpcException(final, _trailers ?? Metadata.Empty);
    }

    private void ThrowIfFailed()
    {
        if (_status is { } status && status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, _trailers ?? Metadata.Empty);
        }
    }

    private HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", "grpc-dotnet-multicluster/1.0");
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (_deadlineCts is not null && _options.Deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline.ToUniversalTime() - DateTime.UtcNow));
        }

        if (GrpcDiagnostics.TraceParent(_activity) is { } traceparent)
        {
            headers.TryAddWithoutValidation("traceparent", traceparent);
            var state = (_activity ?? Activity.Current)?.TraceStateString;
            if (!string.IsNullOrEmpty(state))
            {
                headers.TryAddWithoutValidation("tracestate", state);
            }
        }

        foreach (var entry in _options.Headers ?? Metadata.Empty)
        {
            if (entry.Key == GrpcProtocol.InternalEncodingRequestHeader)
            {
                _requestEncoding = GrpcProtocol.IsSupportedEncoding(entry.Value) && entry.Value != GrpcProtocol.IdentityEncoding
                    ? entry.Value
                    : throw new ArgumentException($"Compression '{entry.Value}' is not supported by this client; use gzip or identity.");
                headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, _requestEncoding);
                continue;
            }

            headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? MetadataCodec.EncodeValue(entry) : MetadataCodec.AsciiOrThrow(entry.Key, entry.Value));
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.Invoker.SendAsync(request, _callCts.Token).ConfigureAwait(false);
            lock (_lock)
            {
                _response = response;
            }

            ReadResponseHeaders(response);
            return response;
        }
        catch (Exception ex)
        {
            var failure = FailFromException(ex);
            _headersTcs.TrySetException(failure);
            throw failure;
        }
    }

    private void ReadResponseHeaders(HttpResponseMessage response)
    {
        var headers = new Metadata();
        foreach (var (name, values) in response.Headers)
        {
            if (!GrpcProtocol.IsReservedHeader(name))
            {
                foreach (var value in values)
                {
                    MetadataCodec.AddHeader(headers, name, value);
                }
            }
        }

        var grpcStatus = FirstHeader(response, GrpcProtocol.StatusHeader);
        if (response.StatusCode != HttpStatusCode.OK && grpcStatus is null)
        {
            _headersTcs.TrySetResult(headers);
            throw FailWith(new Status(FromHttpStatus(response.StatusCode), $"Bad gRPC response from {_channel.Address}: HTTP status {(int)response.StatusCode} {response.ReasonPhrase}."));
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (grpcStatus is null && !GrpcProtocol.IsGrpcContentType(contentType))
        {
            _headersTcs.TrySetResult(headers);
            throw FailWith(new Status(StatusCode.Internal, $"Bad gRPC response from {_channel.Address}: content-type '{contentType}' is not application/grpc."));
        }

        _responseEncoding = FirstHeader(response, GrpcProtocol.EncodingHeader);
        _headersTcs.TrySetResult(headers);
        if (grpcStatus is not null)
        {
            // Trailers-only response: the status came with the headers and no body follows.
            Finish(ParseStatus(grpcStatus, FirstHeader(response, GrpcProtocol.MessageHeader)), headers);
        }
    }

    private async Task<PipeReader?> GetResponseReaderAsync()
    {
        var response = await _responseTask!.ConfigureAwait(false);
        if (_status is not null)
        {
            return null;
        }

        return _responseReader ??= PipeReader.Create(await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false));
    }

    private void FinishFromTrailers()
    {
        var response = _response!;
        var trailers = new Metadata();
        foreach (var (name, values) in response.TrailingHeaders)
        {
            if (!GrpcProtocol.IsReservedHeader(name))
            {
                foreach (var value in values)
                {
                    MetadataCodec.AddHeader(trailers, name, value);
                }
            }
        }

        var status = response.TrailingHeaders.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues)
            ? ParseStatus(statusValues.First(), response.TrailingHeaders.TryGetValues(GrpcProtocol.MessageHeader, out var m) ? m.First() : null)
            : new Status(StatusCode.Internal, $"{_method.FullName}: the response ended without a grpc-status trailer.");
        Finish(status, trailers);
    }

    private void Finish(Status status, Metadata trailers)
    {
        HttpResponseMessage? toDispose = null;
        lock (_lock)
        {
            if (_status is not null)
            {
                return;
            }

            _status = status;
            _trailers = trailers;
            if (status.StatusCode != StatusCode.OK)
            {
                toDispose = _response;
            }
        }

        _headersTcs.TrySetException(new RpcException(status, trailers));
        GrpcDiagnostics.SetStatus(_activity, status, isServer: false);
        _activity?.Dispose();

        // A failed call may still be sending; disposing resets its HTTP/2 stream.
        toDispose?.Dispose();
        if (status.StatusCode != StatusCode.OK && !_callCts.IsCancellationRequested)
        {
            _callCts.Cancel();
        }
    }

    private void OnCancelled()
    {
        var status = _deadlineCts?.IsCancellationRequested == true
            ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")
            : new Status(StatusCode.Cancelled, "Call cancelled by the client.");
        Finish(status, Metadata.Empty);
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static Status ParseStatus(string code, string? message) =>
        int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? new Status((StatusCode)value, message is null ? "" : StatusMessageEncoding.Decode(message))
            : new Status(StatusCode.Internal, $"Bad gRPC response: grpc-status '{code}' is not a number.");

    private Status FromProtocolError(HttpProtocolException exception) => exception.ErrorCode switch
    {
        0x8 => new Status(StatusCode.Cancelled, $"The server cancelled the call (RST_STREAM CANCEL): {exception.Message}", exception),
        0x7 => new Status(StatusCode.Unavailable, $"The server refused the stream; retry: {exception.Message}", exception),
        _ => new Status(StatusCode.Internal, $"HTTP/2 error {exception.ErrorCode} from {_channel.Address}: {exception.Message}", exception),
    };

    // The mapping the gRPC protocol description gives for responses that are not gRPC.
    private static StatusCode FromHttpStatus(HttpStatusCode code) => (int)code switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
