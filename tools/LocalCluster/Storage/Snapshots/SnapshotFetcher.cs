using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Storage.Snapshots;

/// <summary>
/// Brings a snapshot to a local file for recovery: a file:// path is used in place; an http(s) URL (another node's
/// download endpoint, say) or an upload is saved to a temporary file that is deleted afterwards.
/// </summary>
public sealed class SnapshotFetcher(string dataDirectory, HttpClient http)
{
    private readonly string _downloads = Path.Combine(Path.GetFullPath(dataDirectory), ".downloads");

    public async Task<FetchedSnapshot> FetchAsync(string location, string? apiKey, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            throw StorageException.BadInput($"Snapshot location `{location}` is not an absolute URL (file:///path or http(s)://...)");
        }

        if (uri.IsFile)
        {
            return File.Exists(uri.LocalPath)
                ? new FetchedSnapshot(uri.LocalPath, temporary: false)
                : throw StorageException.NotFound($"Snapshot file {uri.LocalPath} does not exist");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw StorageException.BadInput($"Snapshot location scheme `{uri.Scheme}` is not supported (file, http, https)");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (apiKey is not null)
        {
            request.Headers.Add("api-key", apiKey);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw StorageException.BadInput($"Downloading the snapshot from {uri} failed with HTTP {(int)response.StatusCode}");
        }

        await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await SaveAsync(content, cancellationToken);
    }

    public async Task<FetchedSnapshot> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_downloads);
        var path = Path.Combine(_downloads, Guid.NewGuid().ToString("N") + ".snapshot");
        await using (var file = File.Create(path))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        return new FetchedSnapshot(path, temporary: true);
    }

    /// <summary>Verifies the optional SHA-256 checksum, then replaces (or creates) the collection from the file.</summary>
    public static void Recover(CollectionCatalog catalog, string collection, string path, string? checksum)
    {
        if (checksum is not null)
        {
            var actual = SnapshotStore.Sha256(path);
            if (!string.Equals(actual, checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw StorageException.BadInput($"Checksum mismatch: expected {checksum}, actual {actual}");
            }
        }

        try
        {
            catalog.Recover(collection, path);
        }
        catch (InvalidDataException e)
        {
            throw StorageException.BadInput($"The snapshot cannot be recovered: {e.Message}");
        }
    }
}
