using System.Security.Cryptography;
using System.Text;

namespace MultiCluster.Storage.Schema;

/// <summary>One numbered SQL file of a module, e.g. module "storage", version 1, "0001_outbox.sql".</summary>
public sealed record Migration(string Module, int Version, string FileName, string Sql)
{
    /// <summary>SHA-256 of the SQL (line endings normalised): an applied migration whose file changed is refused.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public override string ToString() => $"{Module}/{FileName}";
}
