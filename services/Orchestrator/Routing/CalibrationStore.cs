using Google.Protobuf;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>The routing_calibrations table: the latest calibration of each library.</summary>
public sealed class CalibrationStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<RoutingCalibration>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT calibration FROM routing_calibrations ORDER BY library");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var calibrations = new List<RoutingCalibration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            calibrations.Add(RoutingCalibration.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0)));
        }

        return calibrations;
    }

    public async Task PutAsync(RoutingCalibration calibration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO routing_calibrations (library, domain_map_version, calibration) VALUES (@library, @version, @calibration)
            ON CONFLICT (library) DO UPDATE SET domain_map_version = excluded.domain_map_version, calibration = excluded.calibration, updated_at = now()
            """);
        command.Parameters.AddWithValue("library", calibration.Library);
        command.Parameters.AddWithValue("version", (long)calibration.DomainMapVersion);
        command.Parameters.AddWithValue("calibration", calibration.ToByteArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM routing_calibrations WHERE library = @library");
        command.Parameters.AddWithValue("library", library);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
