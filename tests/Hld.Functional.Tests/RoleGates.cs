using System.Security.Claims;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.AspNetCore.Server;
using Grpc.Net.Client;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hld.Functional.Tests;

/// <summary>Every RPC of the contracts, from the generated descriptors: a new RPC is in every walk at once.</summary>
public static class ContractMethods
{
    public static IReadOnlyList<MethodDescriptor> All { get; } = [.. typeof(Hld.Contracts.Registry.V1.RegistryService).Assembly.GetTypes()
        .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(t => t.GetProperty("Descriptor")?.GetValue(null)).OfType<FileDescriptor>()
        .Where(f => f.Package.StartsWith("hld.", StringComparison.Ordinal))
        .SelectMany(f => f.Services).SelectMany(s => s.Methods)];

    public static string NameOf(MethodDescriptor method) => $"{method.Service.FullName}/{method.Name}";

    /// <summary>Calls <paramref name="method"/> with a message (of its request type) and returns its refusal, or null when it answered.</summary>
    public static Task<RpcException?> CallAsync(ChannelBase channel, MethodDescriptor method, IMessage request, CallOptions options) =>
        InvokeAsync(channel.CreateCallInvoker(), MethodOf(method, Marshallers.Create<IMessage>(m => m.ToByteArray(), method.InputType.Parser.ParseFrom), Marshallers.Create<IMessage>(m => m.ToByteArray(), method.OutputType.Parser.ParseFrom)), request, options);

    /// <summary>Calls <paramref name="method"/> with a body of any bytes at all.</summary>
    public static Task<RpcException?> CallAsync(ChannelBase channel, MethodDescriptor method, byte[] body, CallOptions options) =>
        InvokeAsync(channel.CreateCallInvoker(), MethodOf(method, Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b)), body, options);

    /// <summary>Calls a unary method by name, served or not, with a body of any bytes.</summary>
    public static Task<RpcException?> CallAsync(ChannelBase channel, string service, string method, byte[] body, CallOptions options) =>
        InvokeAsync(channel.CreateCallInvoker(), new Method<byte[], byte[]>(MethodType.Unary, service, method, Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b)), body, options);

    private static Method<T, T> MethodOf<T>(MethodDescriptor method, Marshaller<T> request, Marshaller<T> response) =>
        new(method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary, method.Service.FullName, method.Name, request, response);

    private static async Task<RpcException?> InvokeAsync<T>(CallInvoker invoker, Method<T, T> method, T request, CallOptions options)
        where T : class
    {
        try
        {
            if (method.Type == MethodType.ServerStreaming)
            {
                using var stream = invoker.AsyncServerStreamingCall(method, null, options, request);
                await stream.ResponseStream.MoveNext();
            }
            else
            {
                await invoker.AsyncUnaryCall(method, null, options, request);
            }

            return null;
        }
        catch (RpcException ex)
        {
            return ex;
        }
    }
}

/// <summary>One method's role gate, as the host that serves it has it.</summary>
public sealed record RoleGate(string Method, bool Anonymous, IReadOnlyList<IAuthorizeData> Authorize, IServiceProvider Services, GrpcChannel Channel)
{
    public const string Unknown = "admin";
    public const string AnonymousCaller = "anonymous";

    /// <summary>The gates of every gRPC method the four hosts serve, each from the first host that serves it.</summary>
    public static IEnumerable<RoleGate> Of(HldHosts hosts)
    {
        var served = new (IServiceProvider Services, GrpcChannel Channel)[]
        {
            (hosts.Registry.Services, hosts.Registry.Channel), (hosts.Sessions.Services, hosts.Sessions.Channel),
            (hosts.Hearings.Services, hosts.Hearings.Channel), (hosts.Reporting.Services, hosts.Reporting.Channel),
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (services, channel) in served)
        {
            foreach (var endpoint in services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints))
            {
                if (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc && seen.Add(grpc.Method.FullName))
                {
                    yield return new RoleGate(
                        grpc.Method.FullName.TrimStart('/'),
                        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                        services,
                        channel);
                }
            }
        }
    }

    /// <summary>Whether the gate lets a caller of <paramref name="role"/> (a role, <see cref="Unknown"/> or <see cref="AnonymousCaller"/>) through.</summary>
    public async Task<bool> AllowsAsync(string role)
    {
        if (Anonymous)
        {
            return true;
        }

        var provider = Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, Authorize) ?? await provider.GetFallbackPolicyAsync();
        return policy is null || (await Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(PrincipalOf(role), policy)).Succeeded;
    }

    private static ClaimsPrincipal PrincipalOf(string role) => role == AnonymousCaller
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : new ClaimsPrincipal(new ClaimsIdentity([new Claim(HldClaims.Subject, $"{role}:-"), new Claim(HldClaims.Role, role)], "test", HldClaims.Subject, HldClaims.Role));
}
