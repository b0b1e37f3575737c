using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// The fusion_models table, with each library's model held in memory for a minute so a search does not read
/// PostgreSQL: ML_BASED falls back to min-max weighted score while none is stored.
/// </summary>
public sealed class FusionModelStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan HeldFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (FusionModel? Model, DateTimeOffset ReadAt)> _held = new(StringComparer.Ordinal);

    public async Task<FusionModel?> GetAsync(string library, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_held.TryGetValue(library, out var held) && now - held.ReadAt < HeldFor)
        {
            return held.Model;
        }

        await using var command = dataSource.CreateCommand("SELECT model FROM fusion_models WHERE library = @library");
        command.Parameters.AddWithValue("library", library);
        var model = await command.ExecuteScalarAsync(cancellationToken) is string json ? FromJson(json) : null;
        _held[library] = (model, now);
        return model;
    }

    /// <summary>Stops holding the library's model (its row is gone with the library).</summary>
    public void Forget(string library) => _held.TryRemove(library, out _);

    public async Task SaveAsync(string library, FusionModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO fusion_models (library, model, queries, trained_at) VALUES (@library, @model, @queries, @trained_at)
            ON CONFLICT (library) DO UPDATE SET model = excluded.model, queries = excluded.queries, trained_at = excluded.trained_at
            """);
        command.Parameters.AddWithValue("library", library);
        command.Parameters.Add(new NpgsqlParameter("model", NpgsqlDbType.Jsonb) { Value = ToJson(model) });
        command.Parameters.AddWithValue("queries", model.Queries);
        command.Parameters.AddWithValue("trained_at", model.TrainedAt.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _held[library] = (model, time.GetUtcNow());
    }

    internal static string ToJson(FusionModel model) => JsonSerializer.Serialize(new StoredModel(
        model.Sources.ToDictionary(s => s.Key, s => new StoredCalibration(s.Value.Slope, s.Value.Intercept), StringComparer.Ordinal),
        new StoredCalibration(model.Pooled.Slope, model.Pooled.Intercept), model.Queries, model.TrainedAt));

    internal static FusionModel FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredModel>(json) ?? throw new InvalidOperationException("fusion_models holds a null model.");
        return new FusionModel(
            stored.Sources.ToDictionary(s => s.Key, s => new ScoreCalibration(s.Value.Slope, s.Value.Intercept), StringComparer.Ordinal),
            new ScoreCalibration(stored.Pooled.Slope, stored.Pooled.Intercept), stored.Queries, stored.TrainedAt);
    }

    private sealed record StoredCalibration(double Slope, double Intercept);

    private sealed record StoredModel(Dictionary<string, StoredCalibration> Sources, StoredCalibration Pooled, int Queries, DateTimeOffset TrainedAt);
}
