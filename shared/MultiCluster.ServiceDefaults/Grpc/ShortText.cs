using System.Text;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>Caller-supplied text as an error message quotes it: bounded, one line, control characters made visible.</summary>
public static class ShortText
{
    public const int MaxQuotedLength = 64;

    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = new StringBuilder(Math.Min(text.Length, MaxQuotedLength) + 2).Append('\'');
        foreach (var c in Cut(text, MaxQuotedLength))
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }

        shown.Append('\'');
        return text.Length > MaxQuotedLength ? shown.Append($"… ({text.Length:N0} characters)").ToString() : shown.ToString();
    }

    /// <summary>At most <paramref name="length"/> characters of the text, never half of a surrogate pair.</summary>
    public static string Cut(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= length)
        {
            return text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
