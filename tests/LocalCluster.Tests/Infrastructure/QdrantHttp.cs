using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.LocalCluster.Tests.Infrastructure;

/// <summary>Raw JSON calls to a node, as any REST client would make them; every call is bounded in time.</summary>
public sealed class QdrantHttp(Uri address, string? apiKey = null) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    public Uri Address => address;

    public Task<QdrantReply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<QdrantReply> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public Task<QdrantReply> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<QdrantReply> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<QdrantReply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<QdrantReply> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await SendAsync(request);
    }

    public async Task<QdrantReply> SendAsync(HttpRequestMessage request)
    {
        if (apiKey is not null)
        {
            request.Headers.Add("api-key", apiKey);
        }

        using var response = await _http.SendAsync(request).Within();
        var text = await response.Content.ReadAsStringAsync().Within();
        var body = response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new QdrantReply(response.StatusCode, body, text);
    }

    public async Task<byte[]> DownloadAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("api-key", apiKey);
        }

        using var response = await _http.SendAsync(request).Within();
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync().Within();
    }

    public static MediaTypeHeaderValue Json => new("application/json");

    public void Dispose() => _http.Dispose();
}
