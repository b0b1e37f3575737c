using Google.Protobuf;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Storage;

public sealed partial class DiscoveryStore
{
    /// <summary>The library's own thresholds ('' for the default); null when none are stored.</summary>
    public async Task<DomainThresholds?> GetThresholdsAsync(string library, CancellationToken cancellationToken)
    {
        var bytes = await GetBytesAsync("SELECT thresholds FROM thresholds WHERE library = @library", library, cancellationToken);
        return bytes is null ? null : DomainThresholds.Parser.ParseFrom(bytes);
    }

    public Task PutThresholdsAsync(string library, DomainThresholds thresholds, CancellationToken cancellationToken) =>
        PutBytesAsync(
            "INSERT INTO thresholds (library, thresholds) VALUES (@library, @value) ON CONFLICT (library) DO UPDATE SET thresholds = @value, updated_at = now()",
            library, thresholds.ToByteArray(), cancellationToken);

    /// <summary>The library's own analysis settings ('' for the default); null when none are stored.</summary>
    public async Task<AnalysisSettings?> GetSettingsAsync(string library, CancellationToken cancellationToken)
    {
        var bytes = await GetBytesAsync("SELECT settings FROM analysis_settings WHERE library = @library", library, cancellationToken);
        return bytes is null ? null : AnalysisSettings.Parser.ParseFrom(bytes);
    }

    public Task PutSettingsAsync(string library, AnalysisSettings settings, CancellationToken cancellationToken) =>
        PutBytesAsync(
            "INSERT INTO analysis_settings (library, settings) VALUES (@library, @value) ON CONFLICT (library) DO UPDATE SET settings = @value, updated_at = now()",
            library, settings.ToByteArray(), cancellationToken);

    /// <summary>Every stored analysis settings row, the default ('') among them.</summary>
    public async Task<IReadOnlyDictionary<string, AnalysisSettings>> AllSettingsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT library, settings FROM analysis_settings");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var settings = new Dictionary<string, AnalysisSettings>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            settings[reader.GetString(0)] = AnalysisSettings.Parser.ParseFrom(reader.GetFieldValue<byte[]>(1));
        }

        return settings;
    }

    private async Task<byte[]?> GetBytesAsync(string sql, string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("library", library);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    private async Task PutBytesAsync(string sql, string library, byte[] value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
