using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>The numeric value lies within the bounds given; unset bounds are open; non-numbers never match.</summary>
public sealed class RangeCondition(PayloadPath path, double? gt, double? gte, double? lt, double? lte) : FieldCondition(path)
{
    public double? Gt { get; } = gt;

    public double? Gte { get; } = gte;

    public double? Lt { get; } = lt;

    public double? Lte { get; } = lte;

    protected override bool MatchesValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            return false;
        }

        return (Gt is not { } gtBound || number > gtBound)
            && (Gte is not { } gteBound || number >= gteBound)
            && (Lt is not { } ltBound || number < ltBound)
            && (Lte is not { } lteBound || number <= lteBound);
    }
}
