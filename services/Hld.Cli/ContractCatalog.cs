using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hld.Cli;

/// <summary>One RPC as the command line offers it: <c>hld registry list-participants</c>.</summary>
internal sealed record ContractMethod(string Area, string Command, MethodDescriptor Descriptor)
{
    public string FullName => $"{Descriptor.Service.FullName}/{Descriptor.Name}";

    public bool IsServerStreaming => Descriptor.IsServerStreaming;
}

/// <summary>
/// Every service and method of our contracts, from the generated reflection descriptors of
/// Hld.Contracts, so that a new RPC is a new command without a line here.
/// </summary>
internal sealed class ContractCatalog
{
    private readonly Dictionary<string, ContractMethod> _byFullName = new(StringComparer.Ordinal);

    public ContractCatalog()
    {
        var files = typeof(Hld.Contracts.Common.V1.CommonReflection).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .ToList();
        var services = files.SelectMany(f => f.Services).ToList();
        foreach (var service in services)
        {
            var area = AreaOf(service, services);
            foreach (var method in service.Methods)
            {
                var entry = new ContractMethod(area, Kebab(method.Name), method);
                _byFullName[entry.FullName] = entry;
            }
        }

        Services = services.OrderBy(s => AreaOf(s, services), StringComparer.Ordinal).ToList();
        var messages = files.SelectMany(f => f.MessageTypes)
            .Append(Google.Rpc.ErrorInfo.Descriptor).Append(Google.Rpc.BadRequest.Descriptor)
            .Append(Google.Rpc.RetryInfo.Descriptor).Append(Google.Rpc.ResourceInfo.Descriptor);
        Types = TypeRegistry.FromMessages(messages);
    }

    public TypeRegistry Types { get; }

    public IReadOnlyList<ServiceDescriptor> Services { get; }

    public IEnumerable<ContractMethod> Methods => _byFullName.Values.OrderBy(m => m.Area, StringComparer.Ordinal).ThenBy(m => m.Command, StringComparer.Ordinal);

    public IEnumerable<ContractMethod> MethodsOf(ServiceDescriptor service) => service.Methods.Select(m => _byFullName[$"{service.FullName}/{m.Name}"]);

    /// <summary>A method by its gRPC path, <c>hld.registry.v1.RegistryService/GetParticipant</c> (a leading slash allowed).</summary>
    public ContractMethod? Find(string path) => _byFullName.GetValueOrDefault(path.TrimStart('/'));

    /// <summary>
    /// The command group of a service: its package's area (<c>hld.registry.v1</c> → registry), or, where
    /// a package holds several services (hld.common.v1: clock, operations), the service's own name.
    /// </summary>
    public static string AreaOf(ServiceDescriptor service, IReadOnlyCollection<ServiceDescriptor> all)
    {
        var package = service.File.Package;
        if (all.Count(s => s.File.Package == package) == 1)
        {
            var parts = package.Split('.');
            return parts.Length >= 2 ? parts[1] : package;
        }

        var name = service.Name.EndsWith("Service", StringComparison.Ordinal) ? service.Name[..^"Service".Length] : service.Name;
        return Kebab(name);
    }

    /// <summary>ListParticipants → list-participants; page_size → page-size.</summary>
    public static string Kebab(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '_')
            {
                text.Append('-');
            }
            else if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    text.Append('-');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    public static IMessage Parse(MessageDescriptor descriptor, byte[] bytes) => descriptor.Parser.ParseFrom(bytes);
}
