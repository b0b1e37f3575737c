using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tuning;

namespace MultiCluster.Specialization.Grpc;

// Tuning: collection settings of a domain's copies, recommendations from size and load, cluster metrics.
public sealed partial class SpecializationService
{
    public override Task<UpdateClusterConfigurationResponse> UpdateClusterConfiguration(UpdateClusterConfigurationRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            var change = new ConfigurationChange(
                request.Library,
                request.DomainId,
                request.Cluster is { Name.Length: > 0 } cluster ? cluster.Name : null,
                request.Settings ?? new CollectionSettings(),
                request.UpdateMask?.Paths ?? []);
            return new UpdateClusterConfigurationResponse { Results = { await configurator.UpdateAsync(change, context.CancellationToken) } };
        });

    public override Task<OptimizeClusterConfigResponse> OptimizeClusterConfig(OptimizeClusterConfigRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            var optimization = new OptimizationRequest(
                request.Library,
                request.DomainIds,
                request.Cluster is { Name.Length: > 0 } cluster ? cluster.Name : null,
                request.Strategy,
                request.Apply);
            return new OptimizeClusterConfigResponse { Recommendations = { await optimizer.OptimizeAsync(optimization, context.CancellationToken) } };
        });

    public override Task<GetClusterPerformanceMetricsResponse> GetClusterPerformanceMetrics(GetClusterPerformanceMetricsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            var empty = request.Clusters.FirstOrDefault(c => c.Name.Length == 0);
            if (empty is not null)
            {
                RpcErrors.InvalidArgument("clusters: an entry has no name; give each cluster's configured name, or leave clusters empty for all.");
            }

            var clusters = await clusterMetrics.DescribeAsync([.. request.Clusters.Select(c => c.Name)], request.Library, context.CancellationToken);
            return new GetClusterPerformanceMetricsResponse { Clusters = { clusters } };
        });
}
