using System.Globalization;
using System.Net;
using System.Text.Json;
using Grpc.Core;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// Turns what went wrong on the wire into the port's typed exceptions, with messages that say which cluster, which
/// collection, what happened (Qdrant's own error text when it sent one) and what to do. gRPC status codes follow
/// Qdrant's gRPC server: INVALID_ARGUMENT / FAILED_PRECONDITION bad input, UNAUTHENTICATED / PERMISSION_DENIED auth,
/// NOT_FOUND, ALREADY_EXISTS, DEADLINE_EXCEEDED timeout, RESOURCE_EXHAUSTED rate limited, UNAVAILABLE, INTERNAL.
/// HTTP statuses (the REST path) follow its REST server: 400/422, 401/403, 404, 408, 409, 429 (Retry-After), 500,
/// 503, 507 out of storage.
/// </summary>
internal sealed class QdrantErrorMapper(ClusterOptions options)
{
    private const int MaxErrorLength = 500;

    private enum Failure
    {
        Unauthenticated,
        Forbidden,
        NotFound,
        AlreadyExists,
        Invalid,
        TimedOut,
        RateLimited,
        Unavailable,
        OutOfStorage,
        Failed,
        NotQdrant,
    }

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
        var failure = status switch
        {
            (int)HttpStatusCode.Unauthorized => Failure.Unauthenticated,
            (int)HttpStatusCode.Forbidden => Failure.Forbidden,
            (int)HttpStatusCode.NotFound => Failure.NotFound,
            (int)HttpStatusCode.Conflict => Failure.AlreadyExists,
            (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.UnprocessableEntity => Failure.Invalid,
            (int)HttpStatusCode.RequestTimeout => Failure.TimedOut,
            (int)HttpStatusCode.TooManyRequests => Failure.RateLimited,
            (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout => Failure.Unavailable,
            (int)HttpStatusCode.InsufficientStorage => Failure.OutOfStorage,
            _ => Failure.Failed,
        };
        var said = serverError is null ? $"HTTP {status}" : $"HTTP {status}: \"{serverError}\"";
        return Build(failure, call, said, serverError, retryAfter, options.Url, exception => exception.StatusCode = status);
    }

    /// <summary>A gRPC call that ended with a status other than OK.</summary>
    public VectorClusterException FromRpc(QdrantCall call, RpcException e)
    {
        var serverError = string.IsNullOrWhiteSpace(e.Status.Detail) ? null : Truncate(e.Status.Detail);
        if (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal && e.Status.DebugException is HttpRequestException or IOException)
        {
            // The client could not connect at all (refused, DNS, TLS, connection dropped): no server said anything.
            return Unreachable(call, e.Status.DebugException, grpc: true);
        }

        var failure = e.StatusCode switch
        {
            StatusCode.Unauthenticated => Failure.Unauthenticated,

            // Qdrant's gRPC server answers a missing or wrong key with PERMISSION_DENIED and its REST 401 wording.
            StatusCode.PermissionDenied when serverError?.Contains("API key", StringComparison.Ordinal) == true => Failure.Unauthenticated,
            StatusCode.PermissionDenied => Failure.Forbidden,
            StatusCode.NotFound => Failure.NotFound,
            StatusCode.AlreadyExists => Failure.AlreadyExists,
            StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => Failure.Invalid,
            StatusCode.DeadlineExceeded => Failure.TimedOut,
            StatusCode.ResourceExhausted => Failure.RateLimited,
            StatusCode.Unavailable or StatusCode.Aborted => Failure.Unavailable,
            StatusCode.Unimplemented => Failure.NotQdrant,
            _ => Failure.Failed,
        };
        var code = e.StatusCode.ToString();
        var said = serverError is null ? $"gRPC {code}" : $"gRPC {code}: \"{serverError}\"";
        return Build(failure, call, said, serverError, RetryAfter(e.Trailers), options.EffectiveGrpcUrl, exception => exception.GrpcStatus = code);
    }

    public ClusterUnavailableException Unreachable(QdrantCall call, Exception cause, bool grpc = false) => new(
        grpc
            ? $"{Subject(call)}: the cluster's gRPC API could not be reached at {options.EffectiveGrpcUrl} ({cause.Message}). Check that it runs and serves gRPC there (TLS needs https), or set grpc_url for this cluster (CLUSTERS__{EnvName}__GRPC_URL)."
            : $"{Subject(call)}: the cluster could not be reached ({cause.Message}). Check that it runs and that {options.Url} is right (TLS needs https), or set CLUSTERS__{EnvName}__URL.",
        options.Name, call.Collection, inner: cause);

    public ClusterTimeoutException TimedOut(QdrantCall call, TimeSpan timeout, Exception cause) => new(
        $"{Subject(call)}: no answer within {timeout.TotalMilliseconds:0} ms. The cluster may be overloaded or the call too large; raise timeout_ms for this cluster or split the call. A write may still have been applied.",
        options.Name, call.Collection, inner: cause);

    public ClusterTimeoutException WaitTimedOut(QdrantCall call) => new(
        $"{Subject(call)}: the cluster accepted the write but did not apply it within its own wait timeout (status wait_timeout). It will still be applied; read it back before relying on it.",
        options.Name, call.Collection);

    public ClusterServerException UnexpectedResponse(QdrantCall call, string what, Exception? cause = null) => new(
        $"{Subject(call)}: the cluster's answer does not fit Qdrant's documented API ({what}). Check that {options.EffectiveGrpcUrl} (gRPC) and {options.Url} (REST) are a Qdrant of a supported version.",
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

    // Qdrant's rate limiter sends the seconds to wait in "retry-after", as its REST server does in the header.
    private static TimeSpan? RetryAfter(Metadata trailers) =>
        trailers.GetValue("retry-after") is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private VectorClusterException Build(Failure failure, QdrantCall call, string said, string? serverError, TimeSpan? retryAfter, Uri endpoint, Action<VectorClusterException> mark)
    {
        var subject = Subject(call);
        VectorClusterException exception = failure switch
        {
            Failure.Unauthenticated => new ClusterAuthenticationException(
                options.ApiKey is null
                    ? $"{subject}: the cluster requires an API key and none is configured ({said}). Set {ApiKeyVariable} (or name a variable in api_key_env in config/clusters.yaml) to the cluster's API key."
                    : $"{subject}: the cluster rejected the API key ({said}). Check that {ApiKeyVariable} (or the variable named by api_key_env) holds this cluster's current key.",
                options.Name, call.Collection, serverError),
            Failure.Forbidden => new ClusterAuthenticationException(
                $"{subject}: the API key may not do this ({said}). Use a key with the needed access (a read-only key cannot write), or ask the cluster's administrator.",
                options.Name, call.Collection, serverError),
            Failure.NotFound => new CollectionNotFoundException(
                $"{subject}: not found ({said}). Check the name and the cluster (the routing table says where each domain lives), or create the collection first.",
                options.Name, call.Collection, serverError),
            Failure.AlreadyExists => new CollectionAlreadyExistsException(
                $"{subject}: the name is taken ({said}). Use the existing collection, drop it first, or choose another name.",
                options.Name, call.Collection, serverError),
            Failure.Invalid => new InvalidClusterRequestException(
                $"{subject}: the cluster rejected the request as invalid ({said}). Fix the request (vector size, ids, filter, settings); sending it again unchanged fails again.",
                options.Name, call.Collection, serverError),
            Failure.TimedOut => new ClusterTimeoutException(
                $"{subject}: the cluster gave up waiting ({said}). The operation may still complete; check its effect before repeating a write that is not idempotent.",
                options.Name, call.Collection, serverError),
            Failure.RateLimited => new ClusterUnavailableException(
                $"{subject}: the cluster is rate limiting us ({said}){(retryAfter is { } wait ? $" and asks to wait {wait.TotalSeconds:0.#} s" : "")}. Slow down or spread load to other replicas.",
                options.Name, call.Collection, serverError, retryAfter: retryAfter),
            Failure.Unavailable => new ClusterUnavailableException(
                $"{subject}: the cluster is unavailable ({said}). It may be starting, restarting or overloaded; retry later or use a replica on another cluster.",
                options.Name, call.Collection, serverError, retryAfter: retryAfter),
            Failure.OutOfStorage => new ClusterServerException(
                $"{subject}: the cluster is out of storage ({said}). Free space or raise its quota, or move domains to another cluster.",
                options.Name, call.Collection, serverError),
            Failure.NotQdrant => new ClusterServerException(
                $"{subject}: {endpoint} does not serve this call ({said}). Check that it is a Qdrant API endpoint of a supported version (gRPC on grpc_url, REST on url).",
                options.Name, call.Collection, serverError),
            _ => new ClusterServerException(
                $"{subject}: the cluster failed ({said}). Look at the cluster's logs; the call was not retried.",
                options.Name, call.Collection, serverError),
        };
        mark(exception);
        return exception;
    }

    private string Subject(QdrantCall call) => Subject(call.Operation, call.Collection);

    private string Subject(string operation, string? collection) => collection is null
        ? $"Cluster '{options.Name}' ({options.Url}), {operation}"
        : $"Cluster '{options.Name}' ({options.Url}), {operation} on collection '{collection}'";

    private string EnvName => options.Name.ToUpperInvariant().Replace('-', '_');

    private string ApiKeyVariable => $"CLUSTERS__{EnvName}__API_KEY";

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "...";
}
