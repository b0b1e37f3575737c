using System.Text.Json;

namespace Deployment.Tests;

/// <summary>
/// Validators/validate-manifests.mjs: each document of the files against the Kubernetes schemas (kubernetes-models)
/// or Dapr's CRD schemas (ajv), run with the repository's node_modules (test.sh's npm ci).
/// </summary>
internal static class ManifestValidator
{
    public sealed record Verdict(string File, int Index, string ApiVersion, string Kind, string Name, IReadOnlyList<string> Errors, bool Skipped)
    {
        public override string ToString() => $"{Path.GetFileName(File)}#{Index} {Kind} {Name}: {string.Join("; ", Errors)}";
    }

    public static async Task<IReadOnlyList<Verdict>> ValidateAsync(IEnumerable<string> files)
    {
        var script = Repository.PathOf("tests", "Deployment.Tests", "Validators", "validate-manifests.mjs");
        var result = await Tool.RunAsync("node", Repository.Root, [script, .. files]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the validator failed (run npm ci in the repository root if a module is missing): {result}");
        }

        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
    }

    private static Verdict Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new Verdict(
            root.GetProperty("file").GetString()!,
            root.GetProperty("index").GetInt32(),
            root.GetProperty("apiVersion").GetString()!,
            root.GetProperty("kind").GetString()!,
            root.GetProperty("name").GetString()!,
            root.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList(),
            root.TryGetProperty("skipped", out var skipped) && skipped.GetBoolean());
    }
}
