using System.Net;
using System.Net.Http.Headers;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Grpc.Tests.Infrastructure;

/// <summary>Sends hand-made HTTP/2 requests, to show what the server does with input no gRPC client would send.</summary>
public static class RawHttp2
{
    public sealed record Reply(HttpStatusCode HttpStatus, string? GrpcStatus, string? GrpcMessage, HttpResponseMessage Response);

    public static async Task<Reply> PostAsync(Uri server, string path, byte[] body, string contentType = "application/grpc", IDictionary<string, string>? headers = null, Version? version = null)
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request).Within();
        await response.Content.ReadAsByteArrayAsync().Within();
        return new Reply(response.StatusCode, Find(response, "grpc-status"), Find(response, "grpc-message"), response);
    }

    /// <summary>One length-prefixed message: flag byte, big-endian length, payload.</summary>
    public static byte[] Frame(byte[] payload, byte flag = 0, int? declaredLength = null)
    {
        var length = declaredLength ?? payload.Length;
        return [flag, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, .. payload];
    }

    private static string? Find(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values)
            ? values.First()
            : null;
}
