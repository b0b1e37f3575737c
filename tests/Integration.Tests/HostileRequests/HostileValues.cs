namespace Integration.Tests.HostileRequests;

/// <summary>
/// The values a careless or hostile caller sends, field by field: the edges of every number type, NaN and the
/// infinities, and strings that are empty, huge, path-like, control-laden or of unusual unicode.
/// </summary>
public static class HostileValues
{
    public static readonly string[] Strings =
    [
        "",
        " ",
        "local-a",
        "a",
        "UPPER",
        "-leading-dash",
        "../../etc/passwd",
        "..\\..\\windows\\system32",
        "/absolute/path",
        "a/b",
        "C:\\temp",
        "name with spaces",
        "tab\tand\nnewline",
        "nul\0inside",
        "\u001b[31mred\u001b[0m",
        "émigré",
        "日本語のライブラリ",
        "🦄🚀",
        "\u202eright-to-left override",
        "zero\u200bwidth",
        "\ufeffbom",
        "Ａｌｌ-fullwidth",
        "%00%2e%2e%2f",
        "'; DROP TABLE routing; --",
        "{\"json\":true}",
        "http://127.0.0.1:1/",
        "https://127.0.0.1:1/?q=1#frag",
        "http://user:pass@127.0.0.1:1/",
        "ftp://127.0.0.1/",
        "*",
        "__",
        "lib__unassigned",
        new string('a', 63),
        new string('a', 64),
        new string('x', 4_096),
        new string('y', 200_000),
        string.Concat(Enumerable.Repeat("🦄", 20_000)),
    ];

    public static readonly double[] Doubles =
    [
        0, -0.0, 1, -1, 0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue,
        double.MinValue, double.Epsilon, 1e-300, 1e300,
    ];

    public static readonly float[] Floats =
    [
        0, -0f, 1, -1, 0.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue,
        float.Epsilon,
    ];

    public static readonly long[] Integers = [0, 1, -1, 2, 10, 100, 1_000_000, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue];

    public static readonly ulong[] Naturals = [0, 1, 2, 10, 100, 1_000, 1_000_000, 300_000, 300_001, int.MaxValue, (ulong)int.MaxValue + 1, uint.MaxValue, ulong.MaxValue];

    /// <summary>Lengths of repeated fields: none, a few, and more than any real request carries.</summary>
    public static readonly int[] RepeatedCounts = [0, 1, 2, 3, 17, 10_000];
}
