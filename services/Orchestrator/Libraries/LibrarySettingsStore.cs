using Google.Protobuf;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Orchestrator.Libraries;

/// <summary>
/// The library_settings table: each library's routing settings and fusion as set, and under the library name ""
/// the defaults for libraries without their own. What is stored is what was set; resolving defaults is the caller's.
/// </summary>
public sealed class LibrarySettingsStore(NpgsqlDataSource dataSource)
{
    /// <summary>The library's own routing settings, or null.</summary>
    public Task<RoutingSettings?> GetRoutingAsync(string library, CancellationToken cancellationToken) =>
        ReadAsync("routing", library, RoutingSettings.Parser, cancellationToken);

    /// <summary>The library's own fusion, or null.</summary>
    public Task<FusionConfig?> GetFusionAsync(string library, CancellationToken cancellationToken) =>
        ReadAsync("fusion", library, FusionConfig.Parser, cancellationToken);

    public Task SetRoutingAsync(string library, RoutingSettings settings, CancellationToken cancellationToken) =>
        WriteAsync("routing", library, settings, cancellationToken);

    public Task SetFusionAsync(string library, FusionConfig fusion, CancellationToken cancellationToken) =>
        WriteAsync("fusion", library, fusion, cancellationToken);

    private async Task<T?> ReadAsync<T>(string column, string library, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        // The column is one of two constants above, never caller text.
        await using var command = dataSource.CreateCommand($"SELECT {column} FROM library_settings WHERE library = @library");
        command.Parameters.AddWithValue("library", library);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? parser.ParseFrom(bytes) : null;
    }

    private async Task WriteAsync(string column, string library, IMessage value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO library_settings (library, {column}) VALUES (@library, @value)
            ON CONFLICT (library) DO UPDATE SET {column} = excluded.{column}, updated_at = now()
            """);
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("value", value.ToByteArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
