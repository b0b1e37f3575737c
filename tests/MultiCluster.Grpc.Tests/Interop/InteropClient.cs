using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace MultiCluster.Grpc.Tests.Interop;

/// <summary>
/// The interop client cases of the public interop test description
/// (grpc/grpc doc/interop-test-descriptions.md), run through our client against any
/// grpc.testing.TestService server. A case that passes returns; one that does not throws
/// <see cref="InvalidOperationException"/> saying which step differed from the description.
/// </summary>
/// <remarks>
/// The Grpc.Core API shows no per-message compressed flag: server_compressed_* check status
/// and payload sizes only (the grpc-js peer, interop-client.js, checks the flag itself).
/// </remarks>
public static class InteropClient
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoInitialValue = "test_initial_metadata_value";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";
    private const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n";

    // The grpc-dotnet convention for client compression: a call header that asks the client
    // to compress this call's messages with gzip (consumed, not sent).
    private const string EncodingRequestHeader = "grpc-internal-encoding-request";

    private static readonly byte[] EchoTrailingValue = [0xab, 0xab, 0xab];

    /// <summary>Every case <see cref="RunAsync"/> knows, by its interop name.</summary>
    public static IReadOnlyList<string> TestCases { get; } =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "timeout_on_sleeping_server", "cancel_after_begin", "cancel_after_first_response", "custom_metadata",
        "status_code_and_message", "special_status_message", "unimplemented_method", "unimplemented_service",
        "client_compressed_unary", "client_compressed_streaming", "server_compressed_unary", "server_compressed_streaming",
    ];

    /// <summary>Runs one interop case (e.g. "large_unary") over <paramref name="channel"/>.</summary>
    public static async Task RunAsync(GrpcChannel channel, string testCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var run = new Run(channel, testCase, cancellationToken);
        Func<Task> body = testCase switch
        {
            "empty_unary" => run.EmptyUnaryAsync,
            "large_unary" => run.LargeUnaryAsync,
            "client_compressed_unary" => run.ClientCompressedUnaryAsync,
            "server_compressed_unary" => run.ServerCompressedUnaryAsync,
            "client_streaming" => run.ClientStreamingAsync,
            "client_compressed_streaming" => run.ClientCompressedStreamingAsync,
            "server_streaming" => run.ServerStreamingAsync,
            "server_compressed_streaming" => run.ServerCompressedStreamingAsync,
            "ping_pong" => run.PingPongAsync,
            "empty_stream" => run.EmptyStreamAsync,
            "timeout_on_sleeping_server" => run.TimeoutOnSleepingServerAsync,
            "cancel_after_begin" => run.CancelAfterBeginAsync,
            "cancel_after_first_response" => run.CancelAfterFirstResponseAsync,
            "custom_metadata" => run.CustomMetadataAsync,
            "status_code_and_message" => run.StatusCodeAndMessageAsync,
            "special_status_message" => run.SpecialStatusMessageAsync,
            "unimplemented_method" => run.UnimplementedMethodAsync,
            "unimplemented_service" => run.UnimplementedServiceAsync,
            _ => throw new ArgumentException(
                $"Unknown interop case '{testCase}'; known: {string.Join(", ", TestCases)}.", nameof(testCase)),
        };

        try
        {
            await body();
        }
        catch (RpcException ex)
        {
            throw new InvalidOperationException(
                $"Interop case '{testCase}' failed: unexpected RPC failure {ex.StatusCode} \"{ex.Status.Detail}\".", ex);
        }
    }

    /// <summary>One case's run: the clients, the token and the checks.</summary>
    private sealed class Run(GrpcChannel channel, string testCase, CancellationToken cancellationToken)
    {
        private readonly TestService.TestServiceClient _client = new(channel);

        public async Task EmptyUnaryAsync()
        {
            var response = await _client.EmptyCallAsync(new Empty(), cancellationToken: cancellationToken);
            Check(response is not null, "EmptyCall returned no response");
        }

        public async Task LargeUnaryAsync()
        {
            var response = await _client.UnaryCallAsync(LargeRequest(), cancellationToken: cancellationToken);
            CheckZeros(response.Payload, 314159, "UnaryCall");
        }

        public async Task ClientCompressedUnaryAsync()
        {
            // 1. Feature probe: an uncompressed message that says it must arrive compressed.
            await ExpectStatusAsync(
                async () => await _client.UnaryCallAsync(
                    LargeRequest(expectCompressed: true), cancellationToken: cancellationToken),
                StatusCode.InvalidArgument,
                "probe UnaryCall (uncompressed, expect_compressed=true)");

            // 2. The same message, compressed.
            var compressed = await _client.UnaryCallAsync(
                LargeRequest(expectCompressed: true), headers: CompressionHeaders(), cancellationToken: cancellationToken);
            CheckZeros(compressed.Payload, 314159, "compressed UnaryCall");

            // 3. Uncompressed, not expected compressed.
            var plain = await _client.UnaryCallAsync(
                LargeRequest(expectCompressed: false), cancellationToken: cancellationToken);
            CheckZeros(plain.Payload, 314159, "uncompressed UnaryCall");
        }

        public async Task ServerCompressedUnaryAsync()
        {
            foreach (var compressed in new[] { true, false })
            {
                var request = LargeRequest();
                request.ResponseCompressed = new BoolValue { Value = compressed };
                var response = await _client.UnaryCallAsync(request, cancellationToken: cancellationToken);
                CheckZeros(response.Payload, 314159, $"UnaryCall (response_compressed={compressed})");
            }
        }

        public async Task ClientStreamingAsync()
        {
            using var call = _client.StreamingInputCall(cancellationToken: cancellationToken);
            foreach (var size in new[] { 27182, 8, 1828, 45904 })
            {
                await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
            }

            await call.RequestStream.CompleteAsync();
            var response = await call.ResponseAsync;
            Check(response.AggregatedPayloadSize == 74922,
                $"aggregated_payload_size is {response.AggregatedPayloadSize}, expected 74922");
        }

        public async Task ClientCompressedStreamingAsync()
        {
            // 1. Feature probe: one uncompressed message that says it must arrive compressed.
            await ExpectStatusAsync(
                async () =>
                {
                    using var probe = _client.StreamingInputCall(cancellationToken: cancellationToken);
                    try
                    {
                        await probe.RequestStream.WriteAsync(new StreamingInputCallRequest
                        {
                            ExpectCompressed = new BoolValue { Value = true },
                            Payload = Zeros(27182),
                        });
                        await probe.RequestStream.CompleteAsync();
                    }
                    catch (InvalidOperationException)
                    {
                        // The server may end the call before the client half-closes: the status decides.
                    }

                    await probe.ResponseAsync;
                },
                StatusCode.InvalidArgument,
                "probe StreamingInputCall (uncompressed, expect_compressed=true)");

            // 2. A compressed message, then one sent with NoCompress, on a compressed call.
            using var call = _client.StreamingInputCall(headers: CompressionHeaders(), cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest
            {
                ExpectCompressed = new BoolValue { Value = true },
                Payload = Zeros(27182),
            });
            call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest
            {
                ExpectCompressed = new BoolValue { Value = false },
                Payload = Zeros(45904),
            });
            await call.RequestStream.CompleteAsync();
            var response = await call.ResponseAsync;
            Check(response.AggregatedPayloadSize == 73086,
                $"aggregated_payload_size is {response.AggregatedPayloadSize}, expected 73086");
        }

        public async Task ServerStreamingAsync()
        {
            int[] sizes = [31415, 9, 2653, 58979];
            var request = new StreamingOutputCallRequest();
            request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));
            using var call = _client.StreamingOutputCall(request, cancellationToken: cancellationToken);
            var responses = await ReadAllAsync(call.ResponseStream);
            CheckSizes(responses, sizes, "StreamingOutputCall");
        }

        public async Task ServerCompressedStreamingAsync()
        {
            var request = new StreamingOutputCallRequest();
            request.ResponseParameters.Add(new ResponseParameters { Size = 31415, Compressed = new BoolValue { Value = true } });
            request.ResponseParameters.Add(new ResponseParameters { Size = 92653, Compressed = new BoolValue { Value = false } });
            using var call = _client.StreamingOutputCall(request, cancellationToken: cancellationToken);
            var responses = await ReadAllAsync(call.ResponseStream);
            CheckSizes(responses, [31415, 92653], "StreamingOutputCall");
        }

        public async Task PingPongAsync()
        {
            int[] requestSizes = [27182, 8, 1828, 45904];
            int[] responseSizes = [31415, 9, 2653, 58979];
            using var call = _client.FullDuplexCall(cancellationToken: cancellationToken);
            for (var i = 0; i < requestSizes.Length; i++)
            {
                await call.RequestStream.WriteAsync(DuplexRequest(responseSizes[i], requestSizes[i]));
                Check(await call.ResponseStream.MoveNext(cancellationToken), $"the stream ended before response {i}");
                CheckZeros(call.ResponseStream.Current.Payload, responseSizes[i], $"response {i}");
            }

            await call.RequestStream.CompleteAsync();
            Check(!await call.ResponseStream.MoveNext(cancellationToken), "more than 4 responses");
        }

        public async Task EmptyStreamAsync()
        {
            using var call = _client.FullDuplexCall(cancellationToken: cancellationToken);
            await call.RequestStream.CompleteAsync();
            var responses = await ReadAllAsync(call.ResponseStream);
            Check(responses.Count == 0, $"got {responses.Count} responses, expected 0");
        }

        public async Task TimeoutOnSleepingServerAsync()
        {
            using var call = _client.FullDuplexCall(
                deadline: DateTime.UtcNow.AddMilliseconds(1), cancellationToken: cancellationToken);
            try
            {
                await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
            {
                return;
            }
            catch (InvalidOperationException)
            {
                // The call may already be over (deadline passed): its status, read below, decides.
            }

            await ExpectStatusAsync(
                async () => await call.ResponseStream.MoveNext(cancellationToken),
                StatusCode.DeadlineExceeded,
                "FullDuplexCall with a 1 ms deadline");
        }

        public async Task CancelAfterBeginAsync()
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var call = _client.StreamingInputCall(cancellationToken: cts.Token);
            await cts.CancelAsync();
            await ExpectStatusAsync(async () => await call.ResponseAsync, StatusCode.Cancelled,
                "StreamingInputCall cancelled after begin");
        }

        public async Task CancelAfterFirstResponseAsync()
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var call = _client.FullDuplexCall(cancellationToken: cts.Token);
            await call.RequestStream.WriteAsync(DuplexRequest(31415, 27182));
            Check(await call.ResponseStream.MoveNext(cancellationToken), "no first response");
            CheckZeros(call.ResponseStream.Current.Payload, 31415, "first response");
            await cts.CancelAsync();
            await ExpectStatusAsync(
                async () => await call.ResponseStream.MoveNext(cancellationToken),
                StatusCode.Cancelled,
                "FullDuplexCall cancelled after first response");
        }

        public async Task CustomMetadataAsync()
        {
            using (var call = _client.UnaryCallAsync(LargeRequest(), headers: EchoHeaders(), cancellationToken: cancellationToken))
            {
                var response = await call.ResponseAsync;
                CheckZeros(response.Payload, 314159, "UnaryCall");
                CheckEcho(await call.ResponseHeadersAsync, call.GetTrailers(), "UnaryCall");
            }

            using (var call = _client.FullDuplexCall(headers: EchoHeaders(), cancellationToken: cancellationToken))
            {
                await call.RequestStream.WriteAsync(DuplexRequest(314159, 271828));
                await call.RequestStream.CompleteAsync();
                var responses = await ReadAllAsync(call.ResponseStream);
                CheckSizes(responses, [314159], "FullDuplexCall");
                CheckEcho(await call.ResponseHeadersAsync, call.GetTrailers(), "FullDuplexCall");
            }
        }

        public async Task StatusCodeAndMessageAsync()
        {
            const string Message = "test status message";
            await ExpectStatusAsync(
                async () => await _client.UnaryCallAsync(
                    new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = Message } },
                    cancellationToken: cancellationToken),
                StatusCode.Unknown,
                "UnaryCall",
                Message);

            using var call = _client.FullDuplexCall(cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest
            {
                ResponseStatus = new EchoStatus { Code = 2, Message = Message },
            });
            await call.RequestStream.CompleteAsync();
            await ExpectStatusAsync(
                async () => await ReadAllAsync(call.ResponseStream), StatusCode.Unknown, "FullDuplexCall", Message);
        }

        public async Task SpecialStatusMessageAsync()
        {
            await ExpectStatusAsync(
                async () => await _client.UnaryCallAsync(
                    new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = SpecialStatusMessage } },
                    cancellationToken: cancellationToken),
                StatusCode.Unknown,
                "UnaryCall",
                SpecialStatusMessage);
        }

        public async Task UnimplementedMethodAsync()
        {
            await ExpectStatusAsync(
                async () => await _client.UnimplementedCallAsync(new Empty(), cancellationToken: cancellationToken),
                StatusCode.Unimplemented,
                "TestService/UnimplementedCall");
        }

        public async Task UnimplementedServiceAsync()
        {
            var client = new UnimplementedService.UnimplementedServiceClient(channel);
            await ExpectStatusAsync(
                async () => await client.UnimplementedCallAsync(new Empty(), cancellationToken: cancellationToken),
                StatusCode.Unimplemented,
                "UnimplementedService/UnimplementedCall");
        }

        // ---- helpers --------------------------------------------------------------------

        private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

        private static SimpleRequest LargeRequest(bool? expectCompressed = null)
        {
            var request = new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) };
            if (expectCompressed is { } expect)
            {
                request.ExpectCompressed = new BoolValue { Value = expect };
            }

            return request;
        }

        private static StreamingOutputCallRequest DuplexRequest(int responseSize, int requestSize)
        {
            var request = new StreamingOutputCallRequest { Payload = Zeros(requestSize) };
            request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
            return request;
        }

        private static Metadata CompressionHeaders() => new() { { EncodingRequestHeader, "gzip" } };

        private static Metadata EchoHeaders() => new()
        {
            { EchoInitialKey, EchoInitialValue },
            { EchoTrailingKey, EchoTrailingValue },
        };

        private async Task<List<StreamingOutputCallResponse>> ReadAllAsync(IAsyncStreamReader<StreamingOutputCallResponse> stream)
        {
            var responses = new List<StreamingOutputCallResponse>();
            while (await stream.MoveNext(cancellationToken))
            {
                responses.Add(stream.Current);
            }

            return responses;
        }

        private void CheckEcho(Metadata headers, Metadata trailers, string what)
        {
            var initial = headers.Get(EchoInitialKey);
            Check(initial is { IsBinary: false } && initial.Value == EchoInitialValue,
                $"{what}: response header {EchoInitialKey} is {initial?.ToString() ?? "absent"}, expected '{EchoInitialValue}'");
            var trailing = trailers.Get(EchoTrailingKey);
            Check(trailing is { IsBinary: true } && trailing.ValueBytes.AsSpan().SequenceEqual(EchoTrailingValue),
                $"{what}: trailer {EchoTrailingKey} is {trailing?.ToString() ?? "absent"}, expected 0xababab");
        }

        private void CheckSizes(List<StreamingOutputCallResponse> responses, int[] sizes, string what)
        {
            Check(responses.Count == sizes.Length, $"{what}: got {responses.Count} responses, expected {sizes.Length}");
            for (var i = 0; i < sizes.Length; i++)
            {
                CheckZeros(responses[i].Payload, sizes[i], $"{what} response {i}");
            }
        }

        private void CheckZeros(Payload? payload, int size, string what)
        {
            Check(payload is not null, $"{what}: the response has no payload");
            Check(payload.Body.Length == size, $"{what}: payload body is {payload.Body.Length} bytes, expected {size}");
            Check(payload.Body.Span.IndexOfAnyExcept((byte)0) < 0, $"{what}: payload body is not all zeros");
        }

        private async Task ExpectStatusAsync(Func<Task> call, StatusCode expected, string what, string? expectedDetail = null)
        {
            try
            {
                await call();
            }
            catch (RpcException ex)
            {
                Check(ex.StatusCode == expected, $"{what}: expected {expected}, got {ex.StatusCode} \"{ex.Status.Detail}\"");
                if (expectedDetail is not null)
                {
                    Check(ex.Status.Detail == expectedDetail,
                        $"{what}: expected status message \"{Escape(expectedDetail)}\", got \"{Escape(ex.Status.Detail)}\"");
                }

                return;
            }

            Fail($"{what}: expected {expected}, the call succeeded");
        }

        private void Check([DoesNotReturnIf(false)] bool condition, string message)
        {
            if (!condition)
            {
                Fail(message);
            }
        }

        [DoesNotReturn]
        private void Fail(string message) =>
            throw new InvalidOperationException($"Interop case '{testCase}' failed: {message}.");

        private static string Escape(string text) =>
            text.Replace("\t", "\\t", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
