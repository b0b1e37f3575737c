namespace MultiCluster.TestInfrastructure;

/// <summary>Where Debian's postgresql package puts the server binaries (the newest version wins).</summary>
internal static class PostgresBinaries
{
    private const string Root = "/usr/lib/postgresql";

    public static string Find()
    {
        var found = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, postgres) not found under {Root}/<version>/bin: install the Debian package 'postgresql' (test.sh does).");
    }
}
