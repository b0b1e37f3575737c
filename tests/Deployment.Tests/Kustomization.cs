using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>
/// What a kustomization loads: its resource files and those of the kustomizations it includes (folders), its patch
/// files and generator inputs; paths checked to exist, as kustomize would refuse a missing one.
/// </summary>
internal sealed class Kustomization
{
    private Kustomization(string directory, YamlMappingNode root)
    {
        Directory = directory;
        Root = root;
    }

    public string Directory { get; }

    public YamlMappingNode Root { get; }

    public static Kustomization Load(string directory)
    {
        var path = Path.Combine(directory, "kustomization.yaml");
        return File.Exists(path) ? new Kustomization(directory, Yaml.Document(path)) : throw new FileNotFoundException($"{directory} has no kustomization.yaml", path);
    }

    /// <summary>Every manifest file this kustomization builds from, included folders' first, in order.</summary>
    public IEnumerable<string> ResourceFiles()
    {
        foreach (var resource in Root.Strings("resources"))
        {
            var path = Path.GetFullPath(Path.Combine(Directory, resource));
            if (System.IO.Directory.Exists(path))
            {
                foreach (var file in Load(path).ResourceFiles())
                {
                    yield return file;
                }
            }
            else
            {
                yield return File.Exists(path) ? path : throw new FileNotFoundException($"{Directory}/kustomization.yaml lists {resource}, which does not exist", path);
            }
        }
    }

    /// <summary>Inline patches (text) of the patches list.</summary>
    public IEnumerable<YamlMappingNode> InlinePatches() =>
        Root.Items("patches").Select(p => p.Text("patch")).OfType<string>().SelectMany(text =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
        });

    /// <summary>The files a generator (configMapGenerator, secretGenerator) of <paramref name="name"/> reads.</summary>
    public IEnumerable<string> GeneratorFiles(string generator, string name) =>
        Root.Items(generator).Where(g => g.Text("name") == name)
            .SelectMany(g => g.Strings("files").Concat(g.Strings("envs")))
            .Select(f => Path.Combine(Directory, f));
}
