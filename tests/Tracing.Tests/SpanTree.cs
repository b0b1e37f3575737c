using System.Text;
using MultiCluster.TestInfrastructure.Otlp;

namespace Tracing.Tests;

/// <summary>Spans drawn as indented trees, one per trace, so a failed assertion shows what broke.</summary>
public static class SpanTree
{
    public static string Describe(IEnumerable<CollectedSpan> spans, string? rootParent = null)
    {
        var all = spans.ToList();
        var ids = all.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var trace in all.GroupBy(s => s.TraceId, StringComparer.Ordinal))
        {
            text.Append("trace ").AppendLine(trace.Key);
            // Spans whose parent nobody exported are drawn at the top, marked unless the parent is the expected one.
            foreach (var top in trace.Where(s => !ids.Contains(s.ParentSpanId)))
            {
                Draw(text, trace.ToList(), top, 1, top.ParentSpanId.Length == 0 || top.ParentSpanId == rootParent ? "" : " (parent not exported)");
            }
        }

        return text.ToString();
    }

    private static void Draw(StringBuilder text, List<CollectedSpan> trace, CollectedSpan span, int depth, string note = "")
    {
        text.Append(' ', depth * 2).Append(span).AppendLine(note);
        foreach (var child in trace.Where(s => s.ParentSpanId == span.SpanId))
        {
            Draw(text, trace, child, depth + 1);
        }
    }
}
