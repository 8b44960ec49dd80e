using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hld.Cli;

/// <summary>Every service and message of our contracts, found in the compiled Hld.Contracts assembly.</summary>
internal sealed class ContractCatalog
{
    private readonly Dictionary<string, ServiceDescriptor> _services = new(StringComparer.Ordinal);

    public ContractCatalog()
    {
        var files = typeof(Hld.Contracts.Common.V1.CommonReflection).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .ToList();
        foreach (var service in files.SelectMany(f => f.Services))
        {
            _services[service.FullName] = service;
        }

        var messages = files.SelectMany(f => f.MessageTypes).Append(Google.Rpc.ErrorInfo.Descriptor).Append(Google.Rpc.BadRequest.Descriptor);
        Types = TypeRegistry.FromMessages(messages);
    }

    public TypeRegistry Types { get; }

    public IEnumerable<string> Methods => _services.Values.SelectMany(s => s.Methods).Select(m => $"{m.Service.FullName}/{m.Name}").Order(StringComparer.Ordinal);

    public MethodDescriptor? Find(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash < 0 || !_services.TryGetValue(path[..slash].TrimStart('/'), out var service))
        {
            return null;
        }

        return service.FindMethodByName(path[(slash + 1)..]);
    }

    public static IMessage Parse(MessageDescriptor descriptor, byte[] bytes) => descriptor.Parser.ParseFrom(bytes);
}
