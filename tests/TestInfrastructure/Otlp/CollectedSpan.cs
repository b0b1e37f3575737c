namespace MultiCluster.TestInfrastructure.Otlp;

/// <summary>One exported span, ids as lower-case hex, attribute values as invariant text.</summary>
public sealed record CollectedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    public override string ToString() => $"{Service}/{Scope} \"{Name}\" kind={Kind} span={SpanId} parent={ParentSpanId}";
}
