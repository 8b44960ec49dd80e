using Google.Protobuf.Reflection;

namespace Hld.Cli;

/// <summary>
/// The proto comments, which the generated C# descriptors drop: read from hld.protoset, a descriptor set
/// with source info that the build makes with Grpc.Tools' protoc and embeds (Hld.Cli.csproj).
/// Keyed by full name: <c>hld.registry.v1.RegistryService.ListParticipants</c>,
/// <c>hld.registry.v1.ListParticipantsRequest.page_size</c>.
/// </summary>
internal sealed class ProtoComments
{
    // Field numbers of descriptor.proto on a SourceCodeInfo path.
    private const int FileMessageType = 4, FileEnumType = 5, FileService = 6;
    private const int MessageField = 2, MessageNested = 3, MessageEnum = 4;
    private const int EnumValue = 2, ServiceMethod = 2;

    private readonly Dictionary<string, string> _comments = new(StringComparer.Ordinal);

    private ProtoComments()
    {
    }

    public static ProtoComments Load()
    {
        var comments = new ProtoComments();
        using var stream = typeof(ProtoComments).Assembly.GetManifestResourceStream("hld.protoset");
        if (stream is null)
        {
            return comments;
        }

        foreach (var file in FileDescriptorSet.Parser.ParseFrom(stream).File)
        {
            comments.Read(file);
        }

        return comments;
    }

    public string Of(string fullName) => _comments.GetValueOrDefault(fullName, string.Empty);

    private void Read(FileDescriptorProto file)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = string.IsNullOrEmpty(file.Package) ? string.Empty : file.Package + ".";
        for (var s = 0; s < file.Service.Count; s++)
        {
            var service = prefix + file.Service[s].Name;
            names[Key(FileService, s)] = service;
            for (var m = 0; m < file.Service[s].Method.Count; m++)
            {
                names[Key(FileService, s, ServiceMethod, m)] = $"{service}.{file.Service[s].Method[m].Name}";
            }
        }

        for (var i = 0; i < file.MessageType.Count; i++)
        {
            NameMessage(names, [FileMessageType, i], prefix + file.MessageType[i].Name, file.MessageType[i]);
        }

        for (var i = 0; i < file.EnumType.Count; i++)
        {
            NameEnum(names, [FileEnumType, i], prefix + file.EnumType[i].Name, file.EnumType[i]);
        }

        foreach (var location in file.SourceCodeInfo?.Location ?? [])
        {
            if (names.TryGetValue(string.Join('.', location.Path), out var name) && !string.IsNullOrWhiteSpace(location.LeadingComments))
            {
                _comments[name] = string.Join(' ', location.LeadingComments.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }
    }

    private static void NameMessage(Dictionary<string, string> names, List<int> path, string name, DescriptorProto message)
    {
        names[string.Join('.', path)] = name;
        for (var f = 0; f < message.Field.Count; f++)
        {
            names[string.Join('.', path.Append(MessageField).Append(f))] = $"{name}.{message.Field[f].Name}";
        }

        for (var n = 0; n < message.NestedType.Count; n++)
        {
            NameMessage(names, [.. path, MessageNested, n], $"{name}.{message.NestedType[n].Name}", message.NestedType[n]);
        }

        for (var e = 0; e < message.EnumType.Count; e++)
        {
            NameEnum(names, [.. path, MessageEnum, e], $"{name}.{message.EnumType[e].Name}", message.EnumType[e]);
        }
    }

    private static void NameEnum(Dictionary<string, string> names, List<int> path, string name, EnumDescriptorProto enumType)
    {
        names[string.Join('.', path)] = name;
        for (var v = 0; v < enumType.Value.Count; v++)
        {
            names[string.Join('.', path.Append(EnumValue).Append(v))] = $"{name}.{enumType.Value[v].Name}";
        }
    }

    private static string Key(params int[] path) => string.Join('.', path);
}
