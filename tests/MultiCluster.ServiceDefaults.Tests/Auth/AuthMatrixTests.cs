using Grpc.Core;
using Grpc.Health.V1;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Auth;

/// <summary>Every call through a host built with the defaults: no key, wrong key, wrong role, right role.</summary>
public sealed class AuthMatrixTests : IAsyncLifetime
{
    private DefaultsHost _host = null!;

    public async Task InitializeAsync() => _host = await DefaultsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NoKey_IsUnauthenticatedSayingWhereTheKeyGoes()
    {
        using var channel = _host.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => Discovery(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(null)).ResponseAsync.Within());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("call needs an API key in x-api-key or authorization: Bearer", error.Status.Detail);
    }

    [Fact]
    public async Task WrongKey_IsUnauthenticated()
    {
        using var channel = _host.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => Discovery(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Admin + "x")).ResponseAsync.Within());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("API key not recognised: check the key this client is configured with.", error.Status.Detail);
    }

    [Fact]
    public async Task ReaderOnAnAdminMethod_IsPermissionDeniedNamingTheRoleNeeded()
    {
        using var channel = _host.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => Discovery(channel).AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within());

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("library.v1.DiscoveryService/AnalyzeDomains needs role 'admin'; the API key 'dashboard' has role 'reader'.", error.Status.Detail);
    }

    [Fact]
    public async Task ReaderOnAServiceMethod_IsPermissionDenied()
    {
        using var channel = _host.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => Specialization(channel).MigrateToSpecializationAsync(new MigrateToSpecializationRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within());

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("needs role 'service'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceKeyOnAnAdminMethod_IsPermissionDenied()
    {
        using var channel = _host.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => Discovery(channel).AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(TestKeys.Service)).ResponseAsync.Within());

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Theory]
    [InlineData(TestKeys.Reader, "dashboard")]
    [InlineData(TestKeys.Service, "rebalancer")]
    [InlineData(TestKeys.Admin, "ops")]
    public async Task EveryRoleOnAReaderMethod_PassesAndTheHandlerSeesTheCaller(string key, string caller)
    {
        using var channel = _host.CreateChannel();

        var response = await Discovery(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(key)).ResponseAsync.Within();

        Assert.Equal(caller, response.Map.Library);
    }

    [Theory]
    [InlineData(TestKeys.Service)]
    [InlineData(TestKeys.Admin)]
    public async Task ServiceAndAdmin_MayCallAServiceMethod(string key)
    {
        using var channel = _host.CreateChannel();

        var response = await Specialization(channel).MigrateToSpecializationAsync(new MigrateToSpecializationRequest(), DefaultsHost.WithKey(key)).ResponseAsync.Within();

        Assert.Equal("migration-1", response.OperationId);
    }

    [Fact]
    public async Task AdminOnAnAdminMethod_Passes()
    {
        using var channel = _host.CreateChannel();

        var response = await Discovery(channel).AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(TestKeys.Admin)).ResponseAsync.Within();

        Assert.Equal("op-1", response.OperationId);
    }

    [Fact]
    public async Task BearerToken_IsAcceptedLikeXApiKey()
    {
        using var channel = _host.CreateChannel();

        var response = await Discovery(channel).AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(TestKeys.Admin, bearer: true)).ResponseAsync.Within();

        Assert.Equal("op-1", response.OperationId);
    }

    [Fact]
    public async Task HealthCheck_NeedsNoKey()
    {
        using var channel = _host.CreateChannel();

        var response = await new HealthClient(channel).CheckAsync(new HealthCheckRequest(), DefaultsHost.WithKey(null)).ResponseAsync.Within();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task UnbuiltMethod_IsAuthorizedBeforeItAnswersUnimplemented()
    {
        using var channel = _host.CreateChannel();
        var admin = new ClusterAdminService.ClusterAdminServiceClient(channel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within());
        var unbuilt = await Assert.ThrowsAsync<RpcException>(() => admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest(), DefaultsHost.WithKey(TestKeys.Admin)).ResponseAsync.Within());

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, unbuilt.StatusCode);
    }

    [Fact]
    public async Task Refusals_AreLoggedByKeyNameAndMethod()
    {
        using var channel = _host.CreateChannel();

        await Assert.ThrowsAsync<RpcException>(() => Discovery(channel).AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within());

        var refusal = Assert.Single(_host.Logs.Entries, e => e.EventId == 5 && e.Category.EndsWith("CallAuthorizer", StringComparison.Ordinal));
        Assert.Equal("Refused /library.v1.DiscoveryService/AnalyzeDomains to dashboard: its role Reader does not cover the Admin role the method needs.", refusal.Message);
    }

    private static DiscoveryService.DiscoveryServiceClient Discovery(ChannelBase channel) => new(channel);

    private static SpecializationService.SpecializationServiceClient Specialization(ChannelBase channel) => new(channel);
}
