using System.Diagnostics;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

namespace MultiCluster.Messaging.Dapr.Tests.Infrastructure;

/// <summary>Topic handlers for tests: record what arrives, or fail a given number of times first.</summary>
public static class Handlers
{
    public static TopicHandler Record(Recording<ReceivedEvent> into, string topic, int failFirst = 0)
    {
        var calls = 0;
        return (cloudEvent, _) =>
        {
            into.Add(new ReceivedEvent(topic, cloudEvent, Activity.Current?.TraceId));
            return Interlocked.Increment(ref calls) <= failFirst
                ? throw new InvalidOperationException($"handler failure {calls} of {failFirst} (test)")
                : Task.CompletedTask;
        };
    }
}
