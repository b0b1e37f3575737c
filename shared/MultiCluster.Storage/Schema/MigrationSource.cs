using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace MultiCluster.Storage.Schema;

/// <summary>
/// A module's migrations: SQL files embedded in <paramref name="Assembly"/> under resource names
/// "<paramref name="Prefix"/>NNNN_description.sql" (embed them with
/// <c>LogicalName="Migrations/%(Filename)%(Extension)"</c>). Versions are per module, so a service numbers its own
/// files from 0001 without colliding with the storage module's.
/// </summary>
public sealed partial record MigrationSource(string Module, Assembly Assembly, string Prefix = "Migrations/")
{
    /// <summary>The tables every service database has (the transactional outbox).</summary>
    public static MigrationSource Storage { get; } = new("storage", typeof(MigrationSource).Assembly);

    /// <summary>The module's migrations in version order; a misnamed or duplicate file stops the start, named.</summary>
    public IReadOnlyList<Migration> Load()
    {
        var migrations = new List<Migration>();
        foreach (var resource in Assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var fileName = resource[Prefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Migration resource '{resource}' in {Assembly.GetName().Name} is misnamed: name it NNNN_description.sql (four digits, then letters, digits or underscores).");
            }

            var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
            var duplicate = migrations.Find(m => m.Version == version);
            if (duplicate is not null)
            {
                throw new InvalidOperationException(
                    $"Migrations {duplicate.FileName} and {fileName} of module '{Module}' share version {version}: renumber one of them.");
            }

            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(Module, version, fileName, reader.ReadToEnd()));
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_[A-Za-z0-9_]+\.sql$")]
    private static partial Regex FileNamePattern();
}
