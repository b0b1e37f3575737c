using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace MultiCluster.Clusters.Configuration;

/// <summary>
/// Turns raw values into <see cref="VectorClustersOptions"/>, collecting every problem rather than stopping at the
/// first, so one start tells a person everything to fix. Each message: "key: what is wrong (expected form)".
/// </summary>
internal static partial class ClusterConfigurationValidator
{
    // Polly's timeout strategy accepts 10 ms to a day; an hour is already far beyond any sane call.
    private const long MinTimeoutMs = 10;
    private const long MaxTimeoutMs = 3_600_000;

    public static VectorClustersOptions? Validate(RawClusterConfiguration raw, IConfiguration environment, List<string> problems)
    {
        problems.AddRange(raw.Problems);
        var clusters = new List<ClusterOptions>();
        foreach (var cluster in raw.Clusters)
        {
            if (ValidateCluster(cluster, environment, problems) is { } valid)
            {
                clusters.Add(valid);
            }
        }

        foreach (var duplicate in clusters.GroupBy(c => c.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"clusters: name '{duplicate.Key}' is used {duplicate.Count()} times (expected each name once)");
        }

        // An unreadable file already has its problem; "no clusters" on top would only add noise.
        if (raw.Clusters.Count == 0 && raw.Problems.Count == 0)
        {
            problems.Add("clusters: no cluster is configured (expected at least one entry with name and url, e.g. name: local-a, url: http://127.0.0.1:6333)");
        }

        // Checked against every name given, valid or not, so one bad cluster does not also report the default as unknown.
        var names = raw.Clusters.Select(c => Get(c.Fields, "name")?.Text).OfType<string>().Distinct().ToList();
        var defaultCluster = ValidateDefault(raw.DefaultCluster, names, problems);
        var retry = ValidateRetry(raw.Retry, problems);
        return problems.Count == 0 ? new VectorClustersOptions(clusters, defaultCluster!, retry) : null;
    }

    public static ClusterOptions? ValidateCluster(RawCluster raw, IConfiguration environment, List<string> problems)
    {
        var before = problems.Count;
        var name = Get(raw.Fields, "name");
        if (name is null)
        {
            problems.Add($"{raw.KeyFor("name")}: missing (expected a name like local-a)");
        }
        else if (!NamePattern().IsMatch(name.Value.Text))
        {
            problems.Add($"{name.Value.Key}: '{name.Value.Text}' is not a cluster name (expected lower-case letters, digits and '-', starting with a letter or digit, at most 63 characters)");
        }

        var url = ValidateUrl(Get(raw.Fields, "url"), raw.KeyFor("url"), problems);
        var grpcUrl = Get(raw.Fields, "grpc_url") is { } grpc && !string.IsNullOrWhiteSpace(grpc.Text) ? ValidateUrl(grpc, raw.KeyFor("grpc_url"), problems) : null;
        if (url is not null && grpcUrl is null && Get(raw.Fields, "grpc_url") is null && url.Port == ushort.MaxValue)
        {
            problems.Add($"{raw.KeyFor("grpc_url")}: missing, and it cannot be derived from port {url.Port} of the REST URL (expected the cluster's gRPC URL, e.g. http://127.0.0.1:6334)");
        }
        var capacityPoints = WholeNumber(Get(raw.Fields, "capacity_points"), 0, long.MaxValue, 0, problems);
        var capacityBytes = WholeNumber(Get(raw.Fields, "capacity_bytes"), 0, long.MaxValue, 0, problems);
        var timeoutMs = WholeNumber(Get(raw.Fields, "timeout_ms"), MinTimeoutMs, MaxTimeoutMs, (long)ClusterOptions.DefaultTimeout.TotalMilliseconds, problems);
        var snapshotMs = WholeNumber(Get(raw.Fields, "snapshot_timeout_ms"), MinTimeoutMs, MaxTimeoutMs, (long)ClusterOptions.DefaultSnapshotTimeout.TotalMilliseconds, problems);
        var degradedLatencyMs = WholeNumber(Get(raw.Fields, "degraded_latency_ms"), 1, MaxTimeoutMs, 0, problems);
        var degradedMemory = WholeNumber(Get(raw.Fields, "degraded_memory_bytes"), 0, long.MaxValue, 0, problems);
        var draining = Flag(Get(raw.Fields, "draining"), problems);
        var apiKey = ResolveApiKey(raw, environment, problems);
        if (problems.Count > before)
        {
            return null;
        }

        return new ClusterOptions
        {
            Name = name!.Value.Text,
            Url = url!,
            GrpcUrl = grpcUrl,
            ApiKey = apiKey,
            Region = Get(raw.Fields, "region")?.Text ?? "",
            CapacityPoints = capacityPoints,
            CapacityBytes = capacityBytes,
            Timeout = TimeSpan.FromMilliseconds(timeoutMs),
            SnapshotTimeout = TimeSpan.FromMilliseconds(snapshotMs),
            DegradedLatency = degradedLatencyMs == 0 ? null : TimeSpan.FromMilliseconds(degradedLatencyMs),
            DegradedMemoryBytes = degradedMemory,
            Draining = draining,
        };
    }

    private static Uri? ValidateUrl(RawValue? raw, string missingKey, List<string> problems)
    {
        if (raw is not { } value || string.IsNullOrWhiteSpace(value.Text))
        {
            problems.Add($"{missingKey}: missing (expected the cluster's REST URL, e.g. http://127.0.0.1:6333 or https://eu-1.example.net:6333)");
            return null;
        }

        if (!Uri.TryCreate(value.Text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{value.Key}: '{value.Text}' is not an http(s) URL (expected e.g. http://127.0.0.1:6333 or https://eu-1.example.net:6333)");
            return null;
        }

        if (url.UserInfo.Length > 0)
        {
            // Credentials in a URL end up in logs and error messages; the key has its own, never-logged channel.
            problems.Add($"{value.Key}: the URL carries credentials (expected none; put the API key in the environment, see api_key_env)");
            return null;
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            problems.Add($"{value.Key}: '{value.Text}' has a query or fragment (expected a base URL such as https://eu-1.example.net:6333)");
            return null;
        }

        // A trailing slash makes relative request paths extend the base path instead of replacing its last segment.
        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    private static string? ResolveApiKey(RawCluster raw, IConfiguration environment, List<string> problems)
    {
        if (raw.Fields.TryGetValue("api_key", out var direct))
        {
            if (direct.Text.Length == 0)
            {
                problems.Add($"{direct.Key}: empty (expected the API key, or leave the variable unset for none)");
            }

            return direct.Text;
        }

        if (!raw.Fields.TryGetValue("api_key_env", out var variable))
        {
            return null;
        }

        if (!EnvironmentVariablePattern().IsMatch(variable.Text))
        {
            problems.Add($"{variable.Key}: '{variable.Text}' is not an environment variable name (expected letters, digits and '_', e.g. QDRANT_EU_1_API_KEY)");
            return null;
        }

        var key = environment[variable.Text];
        if (string.IsNullOrEmpty(key))
        {
            problems.Add($"{variable.Key}: environment variable '{variable.Text}' is not set or empty (expected it to hold the cluster's API key; remove api_key_env if the cluster needs none)");
            return null;
        }

        return key;
    }

    private static string? ValidateDefault(RawValue? value, List<string> names, List<string> problems)
    {
        if (value is null)
        {
            if (names.Count == 1)
            {
                return names[0];
            }

            if (names.Count > 1)
            {
                problems.Add($"default_cluster: missing (expected one of {string.Join(", ", names)}; required when more than one cluster is configured)");
            }

            return null;
        }

        if (!names.Contains(value.Value.Text, StringComparer.Ordinal))
        {
            problems.Add($"{value.Value.Key}: '{value.Value.Text}' is not a configured cluster (expected one of {string.Join(", ", names)})");
            return null;
        }

        return value.Value.Text;
    }

    private static RetryOptions ValidateRetry(Dictionary<string, RawValue> raw, List<string> problems)
    {
        var defaults = new RetryOptions();
        var maxRetries = WholeNumber(Get(raw, "max_retries"), 0, 10, defaults.MaxRetries, problems);
        var baseMs = WholeNumber(Get(raw, "base_delay_ms"), 1, 60_000, (long)defaults.BaseDelay.TotalMilliseconds, problems);
        var maxMs = WholeNumber(Get(raw, "max_delay_ms"), 1, 600_000, (long)defaults.MaxDelay.TotalMilliseconds, problems);
        if (maxMs < baseMs)
        {
            problems.Add($"retry.max_delay_ms: {maxMs} is below retry.base_delay_ms {baseMs} (expected max_delay_ms >= base_delay_ms)");
        }

        return new RetryOptions { MaxRetries = (int)maxRetries, BaseDelay = TimeSpan.FromMilliseconds(baseMs), MaxDelay = TimeSpan.FromMilliseconds(maxMs) };
    }

    private static long WholeNumber(RawValue? raw, long min, long max, long fallback, List<string> problems)
    {
        if (raw is not { } value)
        {
            return fallback;
        }

        if (!long.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            problems.Add($"{value.Key}: '{value.Text}' is not a whole number from {min} to {max.ToString("N0", CultureInfo.InvariantCulture)}");
            return fallback;
        }

        return number;
    }

    private static bool Flag(RawValue? raw, List<string> problems)
    {
        if (raw is not { } value)
        {
            return false;
        }

        if (!bool.TryParse(value.Text, out var flag))
        {
            problems.Add($"{value.Key}: '{value.Text}' is not true or false");
        }

        return flag;
    }

    private static RawValue? Get(Dictionary<string, RawValue> fields, string key) => fields.TryGetValue(key, out var value) ? value : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariablePattern();
}
