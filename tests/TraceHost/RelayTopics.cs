namespace TraceHost;

/// <summary>The one topic of the relay.</summary>
public static class RelayTopics
{
    public const string Relayed = "tracetest.relayed";
}
