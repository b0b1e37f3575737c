using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>The string value contains the text ({"match": {"text": t}}); without a full-text index Qdrant does the same.</summary>
public sealed class MatchTextCondition(PayloadPath path, string text) : FieldCondition(path)
{
    public string Text { get; } = text;

    protected override bool MatchesValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Contains(Text, StringComparison.Ordinal);
}
