namespace Tracing.Tests.Otlp;

/// <summary>One exported span, ids as lower-case hex.</summary>
public sealed record CollectedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind)
{
    public override string ToString() => $"{Service}/{Scope} \"{Name}\" kind={Kind} span={SpanId} parent={ParentSpanId}";
}
