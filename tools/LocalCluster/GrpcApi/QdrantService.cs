using Grpc.Core;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>qdrant.Qdrant: HealthCheck (title and version, as GET / answers; no key needed, as in Qdrant).</summary>
[BindServiceMethod(typeof(QdrantService), nameof(BindService))]
public class QdrantService
{
    private const string Service = "qdrant.Qdrant";

    public static void BindService(ServiceBinderBase binder, QdrantService? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(QdrantMethods.Unary<G.HealthCheckRequest, G.HealthCheckReply>(Service, nameof(HealthCheck)), service is null ? null : service.HealthCheck);
    }

    public virtual Task<G.HealthCheckReply> HealthCheck(G.HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new G.HealthCheckReply { Title = ServiceInfo.Title, Version = ServiceInfo.Version, Commit = ServiceInfo.Commit });
}
