using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;

namespace MultiCluster.Grpc.Tests.Interop;

/// <summary>
/// grpc.testing.TestService as the public interop test description defines the server
/// (grpc/grpc doc/interop-test-descriptions.md): EmptyCall, UnaryCall, the streaming calls,
/// Echo Status, Echo Metadata, ResponseParameters.interval_us, CompressedResponse and
/// CompressedRequest. UnimplementedCall is left to the generated base, which answers
/// UNIMPLEMENTED. Host it with <c>MapGrpcService&lt;TestServiceImpl&gt;()</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "The interop server's conventional name, as in grpc-dotnet; the test matrix refers to it.")]
public sealed class TestServiceImpl : TestService.TestServiceBase
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";
    private const string EncodingHeader = "grpc-encoding";

    // The grpc-dotnet convention our runtime honours: a response header asking the server to
    // compress this call's responses (it is consumed, not sent).
    private const string EncodingRequestHeader = "grpc-internal-encoding-request";
    private const string Gzip = "gzip";

    private static readonly WriteOptions CompressedWrite = new();
    private static readonly WriteOptions UncompressedWrite = new(WriteFlags.NoCompress);

    public override async Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        await EchoMetadataAsync(context, compressResponses: false);
        return new Empty();
    }

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        var compress = request.ResponseCompressed?.Value ?? false;
        await EchoMetadataAsync(context, compress);
        EnsureCompressedIfExpected(request.ExpectCompressed, context);
        ThrowIfStatusRequested(request.ResponseStatus);
        EnsureSupportedPayloadType(request.ResponseType);
        if (request.ResponseCompressed is not null)
        {
            context.WriteOptions = compress ? CompressedWrite : UncompressedWrite;
        }

        return new SimpleResponse { Payload = CreateZerosPayload(request.ResponseSize) };
    }

    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        // Compression is chosen per call (in the response headers) and turned off per message.
        var compress = request.ResponseParameters.Any(p => p.Compressed?.Value == true);
        await EchoMetadataAsync(context, compress);
        EnsureSupportedPayloadType(request.ResponseType);
        await WriteResponsesAsync(request, responseStream, context);
        ThrowIfStatusRequested(request.ResponseStatus);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context, compressResponses: false);
        var total = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            EnsureCompressedIfExpected(request.ExpectCompressed, context);
            total += request.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        // Headers go out before the first request is read (a sleeping client still gets its
        // echo), so duplex responses are not compressed: the description asks it of
        // UnaryCall and StreamingOutputCall only.
        await EchoMetadataAsync(context, compressResponses: false);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            ThrowIfStatusRequested(request.ResponseStatus);
            EnsureSupportedPayloadType(request.ResponseType);
            await WriteResponsesAsync(request, responseStream, context);
        }
    }

    public override async Task HalfDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context, compressResponses: false);
        var requests = new List<StreamingOutputCallRequest>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            requests.Add(requestStream.Current);
        }

        foreach (var request in requests)
        {
            ThrowIfStatusRequested(request.ResponseStatus);
            EnsureSupportedPayloadType(request.ResponseType);
            await WriteResponsesAsync(request, responseStream, context);
        }
    }

    /// <summary>
    /// Echo Metadata: x-grpc-test-echo-initial back in the response headers,
    /// x-grpc-test-echo-trailing-bin back in the trailers (which also end failed calls).
    /// Response headers are written at most once, so the compression request joins them.
    /// </summary>
    private static async Task EchoMetadataAsync(ServerCallContext context, bool compressResponses)
    {
        var trailing = context.RequestHeaders.Get(EchoTrailingKey);
        if (trailing is not null)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing.ValueBytes);
        }

        var headers = new Metadata();
        var initial = context.RequestHeaders.Get(EchoInitialKey);
        if (initial is not null)
        {
            headers.Add(EchoInitialKey, initial.Value);
        }

        if (compressResponses)
        {
            headers.Add(EncodingRequestHeader, Gzip);
        }

        if (headers.Count > 0)
        {
            await context.WriteResponseHeadersAsync(headers);
        }
    }

    /// <summary>
    /// CompressedRequest. The Grpc.Core API shows no per-message compressed flag, so this
    /// checks the call's grpc-encoding request header (kept visible by our runtime): a
    /// message that must arrive compressed on a call that declares no encoding is refused.
    /// </summary>
    private static void EnsureCompressedIfExpected(BoolValue? expectCompressed, ServerCallContext context)
    {
        if (expectCompressed?.Value != true)
        {
            return;
        }

        var encoding = context.RequestHeaders.Get(EncodingHeader)?.Value;
        if (string.IsNullOrEmpty(encoding) || string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(
                StatusCode.InvalidArgument,
                $"Expected a compressed request, but the call's grpc-encoding is '{encoding ?? "(absent)"}'."));
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is not null && status.Code != 0)
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    private static void EnsureSupportedPayloadType(PayloadType type)
    {
        if (type != PayloadType.Compressable)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Unsupported response_type {type}."));
        }
    }

    private static async Task WriteResponsesAsync(
        StreamingOutputCallRequest request,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            if (parameters.Compressed is not null)
            {
                context.WriteOptions = parameters.Compressed.Value ? CompressedWrite : UncompressedWrite;
            }

            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = CreateZerosPayload(parameters.Size) });
        }
    }

    private static Payload CreateZerosPayload(int size)
    {
        if (size < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Payload size {size} is negative."));
        }

        return new Payload { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };
    }
}
