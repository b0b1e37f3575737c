using System.Net;
using Microsoft.AspNetCore.Http;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>
/// The fake's gRPC proxying: a request carrying dapr-app-id is forwarded as it is (path, metadata, message frames,
/// trailers) over real HTTP/2 to the registered app of that id, and the app's answer is streamed back, as Dapr does
/// through the two sidecars. Like Dapr (pkg/api/grpc/proxy, pkg/messaging/grpc_proxy.go) it routes by the first
/// dapr-app-id value, checks the caller's API token, and forwards without dapr-app-id and the caller's token, adding
/// dapr-callee-app-id and the target's app token.
/// </summary>
public sealed class FakeInvocationProxy(FakeApps apps, FakeApiToken apiToken) : IDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "proxy-connection", DaprMetadata.ApiToken, DaprMetadata.AppId,
    };

    private readonly HttpClient _client = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });

    public Recording<ProxiedCall> Calls { get; } = new();

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Headers[DaprMetadata.AppId].FirstOrDefault() is not { Length: > 0 } appId)
        {
            await next(http);
            return;
        }

        var sentToken = http.Request.Headers[DaprMetadata.ApiToken].FirstOrDefault();
        var stream = http.Request.Headers[DaprMetadata.Stream].FirstOrDefault() == "true";
        var target = apps.Find(appId);
        if (!apiToken.Accepts(sentToken) || target is null)
        {
            var (code, message) = target is null ? (14, $"app id {appId} is not found") : (16, "authentication error: api token mismatch");
            Calls.Add(new ProxiedCall(appId, http.Request.Path, sentToken, stream, StatusCodes.Status200OK));
            http.Response.ContentType = "application/grpc";
            http.Response.Headers["grpc-status"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Address, http.Request.Path + http.Request.QueryString))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamContent(http.Request.Body),
        };
        foreach (var (name, values) in http.Request.Headers.Where(h => !h.Key.StartsWith(':') && !NotForwarded.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.TryAddWithoutValidation("dapr-callee-app-id", appId);
        if (target.AppApiToken is not null)
        {
            request.Headers.TryAddWithoutValidation(DaprMetadata.ApiToken, target.AppApiToken);
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        Calls.Add(new ProxiedCall(appId, http.Request.Path, sentToken, stream, (int)response.StatusCode));
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !NotForwarded.Contains(h.Key)))
        {
            http.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
        foreach (var (name, values) in response.TrailingHeaders)
        {
            http.Response.AppendTrailer(name, values.ToArray());
        }
    }

    public void Dispose() => _client.Dispose();
}
