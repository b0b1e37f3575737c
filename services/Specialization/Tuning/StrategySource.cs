using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// The strategy a library's collections are tuned for when a request names none: its policy (the policies table,
/// Migrations/0002_placement.sql), else the default policy (library ''), else balanced.
/// </summary>
public sealed class StrategySource(NpgsqlDataSource dataSource)
{
    public async Task<OptimizationStrategy> ForAsync(string library, OptimizationStrategy requested, CancellationToken cancellationToken)
    {
        if (requested != OptimizationStrategy.Unspecified)
        {
            return requested;
        }

        await using var command = dataSource.CreateCommand("SELECT library, policy FROM policies WHERE library = @library OR library = '' ORDER BY library DESC");
        command.Parameters.AddWithValue("library", library);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var policy = SpecializationPolicy.Parser.ParseFrom(reader.GetFieldValue<byte[]>(1));
            if (policy.Strategy != OptimizationStrategy.Unspecified)
            {
                return policy.Strategy;
            }
        }

        return OptimizationStrategy.Balanced;
    }
}
