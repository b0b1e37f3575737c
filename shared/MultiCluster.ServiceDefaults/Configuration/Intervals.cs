using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>
/// Durations in configuration, in the seeds' form ("30s", "5m", "1h", "250ms", "24h") or TimeSpan's ("00:05:00").
/// A value that is neither stops the start with the key named, rather than running on a default nobody chose.
/// </summary>
public static class Intervals
{
    /// <summary>The interval at <paramref name="key"/> of <paramref name="section"/>, or <paramref name="fallback"/> when unset.</summary>
    public static TimeSpan Read(IConfigurationSection section, string key, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(section);
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TryParse(text.Trim(), out var value) && value >= TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{section.Path}:{key}: '{text}' is not an interval; write it as 30s, 5m, 1h or 00:05:00.");
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        (string Suffix, Func<double, TimeSpan> Make)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours),
        ];
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && double.IsFinite(amount))
            {
                value = make(amount);
                return true;
            }
        }

        if (text == "0")
        {
            value = TimeSpan.Zero;
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
