using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using MultiCluster.Grpc.Tests.Interop;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

public sealed class InterceptorTests
{
    /// <summary>Refuses calls without a tenant header, as an auth interceptor would.</summary>
    private sealed class RequireTenantInterceptor : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
            context.RequestHeaders.GetValue("x-tenant") is null
                ? throw new RpcException(new Status(StatusCode.Unauthenticated, "x-tenant header missing"))
                : continuation(request, context);
    }

    private sealed class AddTenantInterceptor(string tenant) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            var headers = context.Options.Headers ?? [];
            headers.Add("x-tenant", tenant);
            return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers)));
        }
    }

    /// <summary>Logs "name&gt;" when a call enters it and "name&lt;" when the call comes back out, for every kind of call.</summary>
    private sealed class TracingInterceptor(string name, List<string> log) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
            await Around(() => continuation(request, context));

        public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
            await Around(() => continuation(requestStream, context));

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
            Around(async () => { await continuation(request, responseStream, context); return true; });

        public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
            Around(async () => { await continuation(requestStream, responseStream, context); return true; });

        private async Task<T> Around<T>(Func<Task<T>> inner)
        {
            lock (log) { log.Add(name + ">"); }
            var result = await inner();
            lock (log) { log.Add(name + "<"); }
            return result;
        }
    }

    [Fact]
    public async Task ServerInterceptors_WrapEveryKindOfCall_TheFirstRegisteredOutermost()
    {
        var log = new List<string>();
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>(), o =>
        {
            o.Interceptors.Add(new TracingInterceptor("outer", log));
            o.Interceptors.Add(new TracingInterceptor("inner", log));
        });
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);
        string[] once = ["outer>", "inner>", "inner<", "outer<"];

        await client.UnaryCallAsync(new SimpleRequest()).ResponseAsync.Within();
        using (var serverStreaming = client.StreamingOutputCall(new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 1 } } }))
        {
            await serverStreaming.ResponseStream.ReadAllAsync().ToListAsync().AsTask().Within();
        }

        using (var clientStreaming = client.StreamingInputCall())
        {
            await clientStreaming.RequestStream.CompleteAsync().Within();
            await clientStreaming.ResponseAsync.Within();
        }

        using (var duplex = client.FullDuplexCall())
        {
            await duplex.RequestStream.CompleteAsync().Within();
            await duplex.ResponseStream.ReadAllAsync().ToListAsync().AsTask().Within();
        }

        lock (log)
        {
            Assert.Equal([.. once, .. once, .. once, .. once], log);
        }
    }

    [Fact]
    public async Task ServerInterceptor_RejectsCallBeforeHandler_ClientInterceptorSuppliesHeader()
    {
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>(), o => o.Interceptors.Add<RequireTenantInterceptor>());
        using var channel = server.CreateChannel();
        var plain = new TestService.TestServiceClient(channel);
        var intercepted = new TestService.TestServiceClient(channel.CreateCallInvoker().Intercept(new AddTenantInterceptor("acme")));

        var ex = await Assert.ThrowsAsync<RpcException>(() => plain.UnaryCallAsync(new SimpleRequest()).ResponseAsync.Within());
        var response = await intercepted.UnaryCallAsync(new SimpleRequest { ResponseSize = 4 }).ResponseAsync.Within();

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal(4, response.Payload.Body.Length);
    }
}
