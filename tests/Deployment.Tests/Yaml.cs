using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>YAML files as YamlDotNet's representation model, with the few lookups the tests need.</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlMappingNode Document(string path) => Documents(path).Single();

    public static YamlNode? Find(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.Find(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] path) => node.Find(path) as YamlSequenceNode ?? [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode node, params string[] path) =>
        (node.Find(path) as YamlMappingNode)?.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, c.Value)) ?? [];

    public static IEnumerable<string> Strings(this YamlNode node, params string[] path) => node.Items(path).OfType<YamlScalarNode>().Select(s => s.Value!);
}
