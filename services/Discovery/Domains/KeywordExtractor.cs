using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// The payload terms that tell one domain from the others: TF-IDF with each domain as one document. A term's
/// frequency is the share of the domain's members whose payload holds it (so one long text cannot outweigh many
/// short ones); its weight is scikit-learn's smoothed idf, ln((1 + n) / (1 + df)) + 1.
/// </summary>
internal static class KeywordExtractor
{
    public const int MaxKeywords = 5;

    /// <summary>Shorter terms ("a", "of", "id") say nothing about a domain.</summary>
    public const int MinTermLength = 3;

    /// <summary>A term held by at least this share of the domains (and by two or more) names none of them.</summary>
    public const double CommonTermShare = 0.9;

    /// <summary>The keywords of each group of payloads, most salient first, at most <see cref="MaxKeywords"/>.</summary>
    public static string[][] Extract(IReadOnlyList<IReadOnlyList<JsonObject?>> domains, IReadOnlyList<string> fields)
    {
        var memberShares = new Dictionary<string, double>[domains.Count];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < domains.Count; d++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var payload in domains[d])
            {
                foreach (var term in Terms(payload, fields))
                {
                    counts[term] = counts.GetValueOrDefault(term) + 1;
                }
            }

            memberShares[d] = counts.ToDictionary(c => c.Key, c => (double)c.Value / Math.Max(1, domains[d].Count), StringComparer.Ordinal);
            foreach (var term in counts.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        var common = Math.Max(2, (int)Math.Ceiling(CommonTermShare * domains.Count));
        return memberShares
            .Select(shares => shares
                .Where(s => documentFrequency[s.Key] < common)
                .Select(s => (Term: s.Key, Score: s.Value * (Math.Log((1.0 + domains.Count) / (1.0 + documentFrequency[s.Key])) + 1)))
                .OrderByDescending(t => t.Score)
                .ThenBy(t => t.Term, StringComparer.Ordinal)
                .Take(MaxKeywords)
                .Select(t => t.Term)
                .ToArray())
            .ToArray();
    }

    /// <summary>The distinct terms of one payload: from <paramref name="fields"/> (dotted paths reach nested objects), or every string value when none are named.</summary>
    public static HashSet<string> Terms(JsonObject? payload, IReadOnlyList<string> fields)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        if (payload is null)
        {
            return terms;
        }

        if (fields.Count == 0)
        {
            Collect(payload, terms);
            return terms;
        }

        foreach (var field in fields)
        {
            JsonNode? node = payload;
            foreach (var key in field.Split('.'))
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(key, out var child) ? child : null;
            }

            Collect(node, terms);
        }

        return terms;
    }

    private static void Collect(JsonNode? node, HashSet<string> terms)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, terms);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, terms);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                Tokenize(value.GetValue<string>(), terms);
                break;
            default:
                break;
        }
    }

    /// <summary>Lower-case runs of letters and digits; numbers alone (ids, years, sizes) are left out.</summary>
    private static void Tokenize(string text, HashSet<string> terms)
    {
        var term = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                term.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (term.Length >= MinTermLength && !term.ToString().All(char.IsDigit))
            {
                terms.Add(term.ToString());
            }

            term.Clear();
        }
    }
}
