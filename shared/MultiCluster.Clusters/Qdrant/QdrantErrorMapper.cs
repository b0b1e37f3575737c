using System.Net;
using System.Text.Json;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// Turns what went wrong on the wire into the port's typed exceptions, with messages that say which cluster, which
/// collection, what happened (Qdrant's status.error when it sent one) and what to do. Status codes follow
/// Qdrant's REST server: 400/422 bad input, 401/403 auth (plain-text body), 404 not found, 408 timeout,
/// 409 already exists, 429 rate limited (Retry-After), 500 internal, 503 unavailable, 507 out of storage.
/// </summary>
internal sealed class QdrantErrorMapper(ClusterOptions options)
{
    private const int MaxErrorLength = 500;

    public async Task<VectorClusterException> FromResponseAsync(QdrantCall call, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
        return FromStatus(call, (int)response.StatusCode, ServerError(body), retryAfter);
    }

    public VectorClusterException FromStatus(QdrantCall call, int status, string? serverError, TimeSpan? retryAfter = null)
    {
        var said = serverError is null ? $"HTTP {status}" : $"HTTP {status}: \"{serverError}\"";
        var subject = Subject(call);
        return status switch
        {
            (int)HttpStatusCode.Unauthorized => new ClusterAuthenticationException(
                options.ApiKey is null
                    ? $"{subject}: the cluster requires an API key and none is configured ({said}). Set {ApiKeyVariable} (or name a variable in api_key_env in config/clusters.yaml) to the cluster's API key."
                    : $"{subject}: the cluster rejected the API key ({said}). Check that {ApiKeyVariable} (or the variable named by api_key_env) holds this cluster's current key.",
                options.Name, call.Collection, serverError, status),
            (int)HttpStatusCode.Forbidden => new ClusterAuthenticationException(
                $"{subject}: the API key may not do this ({said}). Use a key with the needed access (a read-only key cannot write), or ask the cluster's administrator.",
                options.Name, call.Collection, serverError, status),
            (int)HttpStatusCode.NotFound => new CollectionNotFoundException(
                $"{subject}: not found ({said}). Check the name and the cluster (the routing table says where each domain lives), or create the collection first.",
                options.Name, call.Collection, serverError, status),
            (int)HttpStatusCode.Conflict => new CollectionAlreadyExistsException(
                $"{subject}: the name is taken ({said}). Use the existing collection, drop it first, or choose another name.",
                options.Name, call.Collection, serverError, status),
            (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.UnprocessableEntity => new InvalidClusterRequestException(
                $"{subject}: the cluster rejected the request as invalid ({said}). Fix the request (vector size, ids, filter, settings); sending it again unchanged fails again.",
                options.Name, call.Collection, serverError, status),
            (int)HttpStatusCode.RequestTimeout => new ClusterTimeoutException(
                $"{subject}: the cluster gave up waiting ({said}). The operation may still complete; check its effect before repeating a write that is not idempotent.",
                options.Name, call.Collection, serverError, status),
            (int)HttpStatusCode.TooManyRequests => new ClusterUnavailableException(
                $"{subject}: the cluster is rate limiting us ({said}){(retryAfter is { } wait ? $" and asks to wait {wait.TotalSeconds:0.#} s" : "")}. Slow down or spread load to other replicas.",
                options.Name, call.Collection, serverError, status, retryAfter),
            (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout => new ClusterUnavailableException(
                $"{subject}: the cluster is unavailable ({said}). It may be starting, restarting or overloaded; retry later or use a replica on another cluster.",
                options.Name, call.Collection, serverError, status, retryAfter),
            (int)HttpStatusCode.InsufficientStorage => new ClusterServerException(
                $"{subject}: the cluster is out of storage ({said}). Free space or raise its quota, or move domains to another cluster.",
                options.Name, call.Collection, serverError, status),
            _ => new ClusterServerException(
                $"{subject}: the cluster failed ({said}). Look at the cluster's logs; the call was not retried.",
                options.Name, call.Collection, serverError, status),
        };
    }

    public ClusterUnavailableException Unreachable(QdrantCall call, Exception cause) => new(
        $"{Subject(call)}: the cluster could not be reached ({cause.Message}). Check that it runs and that {options.Url} is right (TLS needs https), or set CLUSTERS__{EnvName}__URL.",
        options.Name, call.Collection, inner: cause);

    public ClusterTimeoutException TimedOut(QdrantCall call, TimeSpan timeout, Exception cause) => new(
        $"{Subject(call)}: no answer within {timeout.TotalMilliseconds:0} ms. The cluster may be overloaded or the call too large; raise timeout_ms for this cluster or split the call. A write may still have been applied.",
        options.Name, call.Collection, inner: cause);

    public ClusterTimeoutException WaitTimedOut(QdrantCall call) => new(
        $"{Subject(call)}: the cluster accepted the write but did not apply it within its own wait timeout (status wait_timeout). It will still be applied; read it back before relying on it.",
        options.Name, call.Collection);

    public ClusterServerException UnexpectedResponse(QdrantCall call, string what, Exception? cause = null) => new(
        $"{Subject(call)}: the cluster's answer does not match Qdrant's documented REST API ({what}). Check that {options.Url} is a Qdrant REST endpoint of a supported version.",
        options.Name, call.Collection, inner: cause);

    public InvalidClusterRequestException InvalidRequest(string operation, string? collection, string problem) => new(
        $"{Subject(operation, collection)}: {problem}. The request was not sent.",
        options.Name, collection);

    /// <summary>Qdrant's status.error from a JSON error body; the raw text for plain-text bodies (401, 403).</summary>
    internal static string? ServerError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status))
            {
                if (status.ValueKind == JsonValueKind.Object && status.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                {
                    return Truncate(error.GetString()!);
                }

                if (status.ValueKind == JsonValueKind.String)
                {
                    return Truncate(status.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: Qdrant's auth middleware answers 401/403 with a plain-text body.
        }

        return Truncate(body.Trim());
    }

    private string Subject(QdrantCall call) => Subject(call.Operation, call.Collection);

    private string Subject(string operation, string? collection) => collection is null
        ? $"Cluster '{options.Name}' ({options.Url}), {operation}"
        : $"Cluster '{options.Name}' ({options.Url}), {operation} on collection '{collection}'";

    private string EnvName => options.Name.ToUpperInvariant().Replace('-', '_');

    private string ApiKeyVariable => $"CLUSTERS__{EnvName}__API_KEY";

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "...";
}
