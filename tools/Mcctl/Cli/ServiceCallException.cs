using Grpc.Core;

namespace MultiCluster.Mcctl.Cli;

/// <summary>A call that failed, with the service it went to: the error line names that service and its address.</summary>
internal sealed class ServiceCallException(ServiceTarget target, RpcException inner) : Exception(inner.Status.Detail, inner)
{
    public ServiceTarget Target { get; } = target;

    public StatusCode StatusCode => Status.StatusCode;

    public Status Status => ((RpcException)InnerException!).Status;
}
