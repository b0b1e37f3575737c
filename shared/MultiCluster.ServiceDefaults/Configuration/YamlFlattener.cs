using System.Globalization;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>
/// Turns a YAML document into configuration keys exactly as the JSON provider would for the same tree:
/// mappings nest with ':', sequence items are numbered from 0, scalars are strings, and null is null.
/// </summary>
internal static class YamlFlattener
{
    public static Dictionary<string, string?> Flatten(TextReader reader, string source)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}: line {e.Start.Line}, column {e.Start.Column}: not valid YAML ({e.Message}).", e);
        }

        if (stream.Documents.Count > 1)
        {
            throw new FormatException($"{source}: holds {stream.Documents.Count} YAML documents ('---'); a configuration file holds one.");
        }

        if (stream.Documents.Count == 1)
        {
            var root = stream.Documents[0].RootNode;
            if (root is not YamlMappingNode && !IsNull(root))
            {
                throw new FormatException($"{source}: line {root.Start.Line}: the top level must be a mapping of section names (Service:, Auth:, ...).");
            }

            Visit(root, null, data, source);
        }

        return data;
    }

    private static void Visit(YamlNode node, string? path, Dictionary<string, string?> data, string source)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                if (mapping.Children.Count == 0 && path is not null)
                {
                    data[path] = null;
                }

                foreach (var (keyNode, value) in mapping.Children)
                {
                    var key = keyNode is YamlScalarNode { Value: { Length: > 0 } text }
                        ? text
                        : throw new FormatException($"{source}: line {keyNode.Start.Line}: a key must be a non-empty scalar.");
                    var child = path is null ? key : ConfigurationPath.Combine(path, key);
                    if (data.ContainsKey(child) || data.Keys.Any(k => k.StartsWith(child + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new FormatException($"{source}: line {keyNode.Start.Line}: key '{child}' appears twice (keys are case-insensitive).");
                    }

                    Visit(value, child, data, source);
                }

                break;
            case YamlSequenceNode sequence:
                if (sequence.Children.Count == 0)
                {
                    data[path!] = null;
                }

                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Visit(sequence.Children[i], ConfigurationPath.Combine(path!, i.ToString(CultureInfo.InvariantCulture)), data, source);
                }

                break;
            case YamlScalarNode scalar:
                data[path!] = IsNull(scalar) ? null : scalar.Value;
                break;
            default:
                throw new FormatException($"{source}: line {node.Start.Line}: unsupported YAML node at '{path}'.");
        }
    }

    // YAML's null: an empty plain scalar, '~' or null/Null/NULL; a quoted "null" stays the text null.
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}
