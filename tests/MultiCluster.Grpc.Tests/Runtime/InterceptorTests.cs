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
