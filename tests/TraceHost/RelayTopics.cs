namespace TraceHost;

/// <summary>The one topic of the relay.</summary>
public static class RelayTopics
{
    public const string RoutingChanged = "trace-test.routing-changed";
}
