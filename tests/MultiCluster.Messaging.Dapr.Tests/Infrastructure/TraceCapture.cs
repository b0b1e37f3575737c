using System.Diagnostics;
using MultiCluster.Messaging.Diagnostics;

namespace MultiCluster.Messaging.Dapr.Tests.Infrastructure;

/// <summary>Listens to the messaging and gRPC activity sources, so spans are created and traceparent travels as in production.</summary>
public sealed class TraceCapture : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name is MessagingDiagnostics.ActivitySourceName or "Grpc.Net.Client" or "Microsoft.AspNetCore",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public TraceCapture() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();
}
