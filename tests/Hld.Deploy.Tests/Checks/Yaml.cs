using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hld.Deploy.Tests.Checks;

/// <summary>One object of a rendered manifest: a Deployment, a Dapr Component, a Service...</summary>
public sealed class ManifestObject(YamlMappingNode root, string source)
{
    public YamlMappingNode Root { get; } = root;

    /// <summary>Where the object was read from, for messages.</summary>
    public string Source { get; } = source;

    public string Kind => Root.Scalar("kind") ?? string.Empty;

    public string ApiVersion => Root.Scalar("apiVersion") ?? string.Empty;

    public string Name => Root.Scalar("metadata", "name") ?? string.Empty;

    public string Namespace => Root.Scalar("metadata", "namespace") ?? string.Empty;

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>Read-only navigation of YAML documents by path.</summary>
public static class Yaml
{
    public static IReadOnlyList<ManifestObject> Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"{source} is not valid YAML: {ex.Message}", ex);
        }

        return stream.Documents
            .Select(d => d.RootNode)
            .OfType<YamlMappingNode>()
            .Select(root => new ManifestObject(root, source))
            .ToList();
    }

    public static IReadOnlyList<ManifestObject> ParseFile(string path) =>
        Parse(File.ReadAllText(path), path);

    public static YamlNode? Node(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static YamlMappingNode? Map(this YamlNode? node, params string[] path) => node.Node(path) as YamlMappingNode;

    public static YamlSequenceNode? Seq(this YamlNode? node, params string[] path) => node.Node(path) as YamlSequenceNode;

    /// <summary>A scalar's text; null when absent or not a scalar. YAML null ("~", "null") stays text here.</summary>
    public static string? Scalar(this YamlNode? node, params string[] path) => (node.Node(path) as YamlScalarNode)?.Value;

    public static bool Has(this YamlNode? node, params string[] path) => node.Node(path) is not null;

    public static IEnumerable<YamlMappingNode> Maps(this YamlSequenceNode? sequence) =>
        sequence?.Children.OfType<YamlMappingNode>() ?? [];

    public static IEnumerable<string> Scalars(this YamlSequenceNode? sequence) =>
        sequence?.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty) ?? [];

    /// <summary>A mapping of scalars (labels, annotations, ConfigMap data) as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(this YamlNode? node, params string[] path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node.Node(path) is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode k && value is YamlScalarNode v)
                {
                    result[k.Value ?? string.Empty] = v.Value ?? string.Empty;
                }
            }
        }

        return result;
    }

    public static bool IsTrue(this YamlNode? node, params string[] path) =>
        string.Equals(node.Scalar(path), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsFalse(this YamlNode? node, params string[] path) =>
        string.Equals(node.Scalar(path), "false", StringComparison.OrdinalIgnoreCase);

    public static int? Number(this YamlNode? node, params string[] path) =>
        int.TryParse(node.Scalar(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// Every leaf of the subtree as path → scalar text, to say where two subtrees differ.
    /// An item of a sequence is named by its `name` when it has one (containers, env,
    /// ports, volumes), else by its index; an empty mapping or sequence is a leaf.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Leaves(this YamlNode? node)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        AddLeaves(node, string.Empty, leaves);
        return leaves;
    }

    private static void AddLeaves(YamlNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case YamlMappingNode { Children.Count: > 0 } map:
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? Canonical(key);
                    AddLeaves(value, path.Length == 0 ? name : $"{path}.{name}", leaves);
                }

                break;
            case YamlSequenceNode { Children.Count: > 0 } sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    var name = (item as YamlMappingNode).Scalar("name");
                    AddLeaves(item, name is null ? $"{path}[{i}]" : $"{path}[name={name}]", leaves);
                }

                break;
            default:
                leaves[path] = Canonical(node);
                break;
        }
    }

    /// <summary>The subtree as canonical text, to compare two subtrees.</summary>
    public static string Canonical(this YamlNode? node) => node switch
    {
        null => "~",
        YamlScalarNode s => "'" + s.Value + "'",
        YamlSequenceNode q => "[" + string.Join(",", q.Children.Select(Canonical)) + "]",
        YamlMappingNode m => "{" + string.Join(",", m.Children
            .Select(kv => Canonical(kv.Key) + ":" + Canonical(kv.Value))
            .Order(StringComparer.Ordinal)) + "}",
        _ => node.ToString(),
    };
}
