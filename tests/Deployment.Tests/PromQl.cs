using System.Text.RegularExpressions;

namespace Deployment.Tests;

/// <summary>
/// The metric names a PromQL expression reads: identifiers that are not functions, keywords, label names (inside
/// braces and by/without/on/ignoring/group_* lists), strings, durations or numbers.
/// </summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "inf", "nan", "le",
    };

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = Strings().Replace(expression, "");
        text = Matchers().Replace(text, "");
        text = LabelLists().Replace(text, "");
        text = Ranges().Replace(text, "");
        text = GrafanaVariables().Replace(text, "");
        return Identifiers().Matches(text)
            .Where(m => !m.Groups[2].Success && !Keywords.Contains(m.Groups[1].Value))
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex LabelLists();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex GrafanaVariables();

    // A name followed by "(" is a function; a number or a duration is not an identifier.
    [GeneratedRegex(@"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?")]
    private static partial Regex Identifiers();
}
