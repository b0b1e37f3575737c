using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Analysis;
using MultiCluster.Discovery.Configuration;
using MultiCluster.Discovery.History;
using MultiCluster.Discovery.Maps;
using MultiCluster.ServiceDefaults.Grpc;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Grpc;

/// <summary>
/// The Discovery gRPC endpoint: validates each request, calls the logic, and answers with what it returns or the
/// status its exception stands for (<see cref="RpcErrors"/>).
/// </summary>
public sealed class DiscoveryService(
    DiscoveryRequestValidator validator,
    AnalysisCoordinator coordinator,
    DomainMapReader maps,
    DomainMapWatcher watcher,
    DomainInsights insights,
    DiscoverySettingsEditor settings,
    AnalysisHistoryReader history) : V1.DiscoveryService.DiscoveryServiceBase
{
    public override Task<AnalyzeDomainsResponse> AnalyzeDomains(AnalyzeDomainsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            validator.Validate(request);
            var started = await coordinator.StartAsync(
                new AnalysisRequest(request.Library, request.Settings, request.Points, request.DryRun, request.RequestId, "request"), context.CancellationToken);
            return new AnalyzeDomainsResponse { OperationId = started.Progress.OperationId, Progress = started.Progress };
        });

    public override Task WatchAnalysis(WatchAnalysisRequest request, IServerStreamWriter<WatchAnalysisResponse> responseStream, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            DiscoveryRequestValidator.Validate(request);
            using var window = new WatchWindow(context);
            await window.RunAsync(token => coordinator.WatchAsync(request.OperationId, m => responseStream.WriteAsync(m, token), token));
        });

    public override Task<GetDomainMapResponse> GetDomainMap(GetDomainMapRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            DiscoveryRequestValidator.Validate(request);
            var map = await maps.GetAsync(request.Library, request.Version, latestPublished: true, context.CancellationToken);
            return new GetDomainMapResponse { Map = DomainMapReader.Shaped(map, request.OmitCentroids) };
        });

    public override Task WatchDomainMap(WatchDomainMapRequest request, IServerStreamWriter<WatchDomainMapResponse> responseStream, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            DiscoveryRequestValidator.Validate(request);
            using var window = new WatchWindow(context);
            await window.RunAsync(token => watcher.WatchAsync(
                request.Library,
                request.AfterVersion,
                map => responseStream.WriteAsync(new WatchDomainMapResponse { Map = DomainMapReader.Shaped(map, request.OmitCentroids) }, token),
                token));
        });

    public override Task<DiscoverPatternsResponse> DiscoverPatterns(DiscoverPatternsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() =>
        {
            DiscoveryRequestValidator.Validate(request);
            return insights.DiscoverPatternsAsync(request, context.CancellationToken);
        });

    public override Task<ValidateDomainMappingResponse> ValidateDomainMapping(ValidateDomainMappingRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() =>
        {
            DiscoveryRequestValidator.Validate(request);
            return insights.ValidateAsync(request, context.CancellationToken);
        });

    public override Task<GetDomainStatisticsResponse> GetDomainStatistics(GetDomainStatisticsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() =>
        {
            DiscoveryRequestValidator.Validate(request);
            return insights.GetStatisticsAsync(request, context.CancellationToken);
        });

    public override Task<UpdateDomainThresholdsResponse> UpdateDomainThresholds(UpdateDomainThresholdsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            DiscoveryRequestValidator.Validate(request);
            var resolved = await settings.UpdateThresholdsAsync(request.Library, request.Thresholds, request.UpdateMask, context.CancellationToken);
            return new UpdateDomainThresholdsResponse { Thresholds = resolved };
        });

    public override Task<SetAnalysisStrategyResponse> SetAnalysisStrategy(SetAnalysisStrategyRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            DiscoveryRequestValidator.Validate(request);
            var resolved = await settings.SetStrategyAsync(request.Library, request.Settings, context.CancellationToken);
            return new SetAnalysisStrategyResponse { Settings = resolved };
        });

    public override Task<GetSupportedStrategiesResponse> GetSupportedStrategies(GetSupportedStrategiesRequest request, ServerCallContext context)
    {
        var response = new GetSupportedStrategiesResponse();
        response.Strategies.AddRange(StrategyCatalog.Describe());
        return Task.FromResult(response);
    }

    public override Task<GetAnalysisHistoryResponse> GetAnalysisHistory(GetAnalysisHistoryRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() =>
        {
            var (from, to) = DiscoveryRequestValidator.Validate(request);
            return history.GetPageAsync(request.Library, from, to, request.States, request.Pagination, context.CancellationToken);
        });

    public override Task<GetPerformanceMetricsResponse> GetPerformanceMetrics(GetPerformanceMetricsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() =>
        {
            var (from, to) = DiscoveryRequestValidator.Validate(request);
            return history.GetMetricsAsync(request.Library, from, to, context.CancellationToken);
        });
}
