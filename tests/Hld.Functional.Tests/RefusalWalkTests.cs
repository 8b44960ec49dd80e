using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Hld.Platform.Security;
using Xunit;
using Xunit.Abstractions;

namespace Hld.Functional.Tests;

/// <summary>
/// Every RPC of the contracts, walked from the descriptors, refuses with complete details (AIP-193,
/// decision 013): no token, a role its gate refuses, a body that is not its message, input that is not
/// valid, and an id that names nothing. Whatever a refusal's code, its details are those the code
/// promises: an ErrorInfo in our domain always, BadRequest on INVALID_ARGUMENT (bar a malformed
/// body, which has no fields), ResourceInfo on NOT_FOUND, RetryInfo on UNAVAILABLE and
/// RESOURCE_EXHAUSTED (bar a message too large, which no retry mends).
/// </summary>
public sealed class RefusalWalkTests(HldHosts hosts, ITestOutputHelper output) : IClassFixture<HldHosts>
{
    /// <summary>The roles tried, in order, as the caller a gate lets through: those that act for no participant first.</summary>
    private static readonly string[] Callers = [Roles.Secretariat, Roles.PgaOffice, Roles.Operator, Roles.ReportingReader, Roles.MemberState, Roles.Observer, Roles.Stakeholder];

    /// <summary>A body that is no message of any type: field 1 claims 127 bytes and two follow.</summary>
    private static readonly byte[] Malformed = [0x0A, 0x7F, 0x41, 0x42];

    private sealed record Walked(string Method, string Provoked, RpcException? Refusal);

    [Fact]
    public async Task Every_refusal_of_every_rpc_carries_the_details_its_code_promises()
    {
        var gates = RoleGate.Of(hosts).ToDictionary(g => g.Method, StringComparer.Ordinal);
        var walked = new List<Walked>();
        foreach (var method in ContractMethods.All)
        {
            Assert.False(method.IsClientStreaming, $"{ContractMethods.NameOf(method)}: the walk sends one request; teach it client streams");
            var gate = gates[ContractMethods.NameOf(method)];
            walked.AddRange(await WalkAsync(method, gate));
        }

        foreach (var w in walked)
        {
            output.WriteLine($"{w.Method,-70} {w.Provoked,-12} {w.Refusal?.StatusCode.ToString() ?? "OK"} {Info(w.Refusal)?.Reason}");
        }

        var incomplete = walked.Where(w => w.Refusal is not null).Select(w => Missing(w) is { } missing ? $"{w.Method} ({w.Provoked}): {missing}" : null).OfType<string>().ToList();
        Assert.True(incomplete.Count == 0, "refusals without their details:\n" + string.Join('\n', incomplete));

        // The refusals every method can give, each as the code it promises. Invalid input is not among
        // them: a singleton's read has no field to refuse, and an unknown parent is NOT_FOUND first.
        var expected = new Dictionary<string, (StatusCode Code, string Reason)>(StringComparer.Ordinal)
        {
            ["no token"] = (StatusCode.Unauthenticated, "UNAUTHENTICATED"),
            ["wrong role"] = (StatusCode.PermissionDenied, "PERMISSION_DENIED"),
            ["malformed"] = (StatusCode.InvalidArgument, "MALFORMED_REQUEST"),
            ["not found"] = (StatusCode.NotFound, "NOT_FOUND"),
        };
        var unexpected = walked.Where(w => expected.TryGetValue(w.Provoked, out var e) && (w.Refusal?.StatusCode != e.Code || Info(w.Refusal)?.Reason != e.Reason))
            .Select(w => $"{w.Method} ({w.Provoked}): {w.Refusal?.StatusCode.ToString() ?? "OK"} {Info(w.Refusal)?.Reason}").ToList();
        Assert.True(unexpected.Count == 0, "refusals other than the expected:\n" + string.Join('\n', unexpected));
        Assert.Contains(walked, w => w.Provoked == "invalid" && w.Refusal?.StatusCode == StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task What_grpc_refuses_before_any_handler_carries_details_on_every_host()
    {
        var caller = As(Roles.Secretariat);
        var oversize = new byte[1024 * 1024 + 1];
        foreach (var host in RoleGate.Of(hosts).Where(g => g.Method.StartsWith("hld.", StringComparison.Ordinal)).GroupBy(g => g.Channel).Select(g => g.First()))
        {
            var service = host.Method[..host.Method.IndexOf('/', StringComparison.Ordinal)];
            var method = host.Method[(service.Length + 1)..];
            var noMethod = await ContractMethods.CallAsync(host.Channel, service, "NoSuchMethod", [], caller);
            var noService = await ContractMethods.CallAsync(host.Channel, "hld.nowhere.v1.NoSuchService", "Call", [], caller);
            var tooLarge = await ContractMethods.CallAsync(host.Channel, service, method, oversize, caller);

            Assert.Equal((StatusCode.Unimplemented, "UNIMPLEMENTED"), (noMethod!.StatusCode, Info(noMethod)?.Reason));
            Assert.Equal((StatusCode.Unimplemented, "UNIMPLEMENTED"), (noService!.StatusCode, Info(noService)?.Reason));
            Assert.Equal((StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE"), (tooLarge!.StatusCode, Info(tooLarge)?.Reason));
            // Retrying the same message cannot succeed, so it says nothing of retrying.
            Assert.Null(tooLarge.GetRpcStatus()!.GetDetail<RetryInfo>());
            Assert.Null(RefusalDetails.Missing(noMethod) ?? RefusalDetails.Missing(noService) ?? RefusalDetails.Missing(tooLarge));
        }
    }

    private static async Task<List<Walked>> WalkAsync(MethodDescriptor method, RoleGate gate)
    {
        var name = ContractMethods.NameOf(method);
        var empty = method.InputType.Parser.ParseFrom(ByteString.Empty);
        var results = new List<Walked>();
        var allowed = new List<string>();
        var refused = new List<string>();
        foreach (var role in Callers)
        {
            (await gate.AllowsAsync(role) ? allowed : refused).Add(role);
        }

        if (!gate.Anonymous)
        {
            results.Add(new(name, "no token", await ContractMethods.CallAsync(gate.Channel, method, empty, new CallOptions())));
        }

        if (refused.Count > 0)
        {
            results.Add(new(name, "wrong role", await ContractMethods.CallAsync(gate.Channel, method, empty, As(refused[0]))));
        }

        if (allowed.Count == 0)
        {
            return results;
        }

        var caller = As(allowed[0]);
        results.Add(new(name, "malformed", await ContractMethods.CallAsync(gate.Channel, method, Malformed, caller)));
        results.Add(new(name, "invalid", await ContractMethods.CallAsync(gate.Channel, method, Invalid(method.InputType), caller)));
        if (method.Name.StartsWith("Get", StringComparison.Ordinal) && Identifiers(method.InputType).Any())
        {
            results.Add(new(name, "not found", await ContractMethods.CallAsync(gate.Channel, method, Unknown(method.InputType), caller)));
        }

        return results;
    }

    private static CallOptions As(string role) => Hld.Testing.TestTokens.Call(role, role is Roles.MemberState or Roles.Observer ? "FRA" : role == Roles.Stakeholder ? "ngo-walk" : null)
        .WithDeadline(DateTime.UtcNow.AddSeconds(30));

    /// <summary>Fields that name what a method reads: ids and document symbols.</summary>
    private static IEnumerable<FieldDescriptor> Identifiers(MessageDescriptor message) => message.Fields.InFieldNumberOrder()
        .Where(f => f.FieldType == FieldType.String && !f.IsRepeated && (f.Name.EndsWith("_id", StringComparison.Ordinal) || f.Name == "symbol") && f.Name != "request_id");

    /// <summary>Every scalar field set to what no field accepts: an id with spaces and a NUL, a negative number, an enum value no contract has.</summary>
    private static IMessage Invalid(MessageDescriptor type)
    {
        var message = type.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in type.Fields.InFieldNumberOrder().Where(f => !f.IsRepeated && !f.IsMap))
        {
            object? value = field.FieldType switch
            {
                FieldType.String => "not\0 valid!",
                FieldType.Int32 or FieldType.SInt32 => -1,
                FieldType.Int64 or FieldType.SInt64 => -1L,
                FieldType.Enum => 9999,
                _ => null,
            };
            if (value is not null)
            {
                field.Accessor.SetValue(message, value);
            }
        }

        return message;
    }

    /// <summary>Ids of the right form that name nothing.</summary>
    private static IMessage Unknown(MessageDescriptor type)
    {
        var message = type.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in Identifiers(type))
        {
            field.Accessor.SetValue(message, field.Name == "symbol" ? "A/67/999" : "zzz-nowhere");
        }

        return message;
    }

    private static ErrorInfo? Info(RpcException? refusal) => refusal?.GetRpcStatus()?.GetDetail<ErrorInfo>();

    private static string? Missing(Walked walked) => RefusalDetails.Missing(walked.Refusal!, malformed: walked.Provoked == "malformed");
}
