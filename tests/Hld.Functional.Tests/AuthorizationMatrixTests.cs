using Hld.Platform.Security;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>
/// Who may call what, at the role gate (issue 18, item 4): every method of the contracts names a
/// policy or roles (never a bare login), and the role × method matrix the four hosts enforce is the
/// one docs/security.md shows. Object-level checks (a State acts only for itself) come after this
/// gate, in the handlers, and have tests of their own.
/// </summary>
public sealed class AuthorizationMatrixTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private const string Unknown = RoleGate.Unknown;
    private const string Anonymous = RoleGate.AnonymousCaller;

    private static readonly string[] Columns = [.. Policies.ParticipantRoles, Roles.Operator, Unknown, Anonymous];

    private IEnumerable<RoleGate> Gates() => RoleGate.Of(hosts);

    private async Task<SortedDictionary<string, string>> MatrixAsync()
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var gate in Gates().Where(g => g.Method.StartsWith("hld.", StringComparison.Ordinal) || g.Method.StartsWith("grpc.health.", StringComparison.Ordinal)))
        {
            var cells = new List<string>();
            foreach (var column in Columns)
            {
                cells.Add(await gate.AllowsAsync(column) ? "yes" : "-");
            }

            rows[gate.Method] = $"| `{gate.Method}` | {string.Join(" | ", cells)} |";
        }

        return rows;
    }

    [Fact]
    public void Every_method_of_the_contracts_names_its_policy_or_roles_or_is_anonymous()
    {
        var gates = Gates().ToDictionary(g => g.Method, StringComparer.Ordinal);
        var methods = ContractMethods.All.Select(ContractMethods.NameOf).ToList();

        Assert.NotEmpty(methods);
        var unserved = methods.Where(m => !gates.ContainsKey(m)).ToList();
        var unnamed = methods.Where(gates.ContainsKey).Select(m => gates[m])
            .Where(g => !g.Anonymous && (g.Authorize.Count == 0 || g.Authorize.Any(a => string.IsNullOrEmpty(a.Policy) && string.IsNullOrEmpty(a.Roles))))
            .Select(g => g.Method).ToList();
        Assert.True(unserved.Count == 0, "not served by any host: " + string.Join(", ", unserved));
        Assert.True(unnamed.Count == 0, "no named policy or roles: " + string.Join(", ", unnamed));
    }

    [Fact]
    public async Task The_role_gate_of_every_method_is_the_table_in_docs_security_md()
    {
        var computed = await MatrixAsync();
        var path = Path.Combine(RepositoryRoot(), "docs", "security.md");
        var documented = File.ReadAllLines(path).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        var expected = string.Join('\n', computed.Values);
        var actual = string.Join('\n', documented);
        Assert.True(expected == actual, $"docs/security.md differs from what the hosts enforce; the hosts enforce:\n{Header()}\n{expected}");
    }

    [Fact]
    public async Task An_unknown_role_and_an_anonymous_caller_pass_no_gate_but_health_and_the_operator_reads_no_content()
    {
        var gates = Gates().Where(g => g.Method.StartsWith("hld.", StringComparison.Ordinal)).ToList();
        foreach (var gate in gates)
        {
            Assert.False(await gate.AllowsAsync(Unknown), $"{gate.Method} lets an unknown role in");
            Assert.False(await gate.AllowsAsync(Anonymous), $"{gate.Method} lets an anonymous caller in");
        }

        var operatorReads = new List<string>();
        foreach (var gate in gates.Where(g => !g.Method.StartsWith("hld.common.", StringComparison.Ordinal)))
        {
            if (await gate.AllowsAsync(Roles.Operator) && !OperatorsOwn(gate.Method))
            {
                operatorReads.Add(gate.Method);
            }
        }

        Assert.True(operatorReads.Count == 0, "the operator reaches content: " + string.Join(", ", operatorReads));
    }

    [Fact]
    public async Task Over_the_wire_an_unknown_role_is_refused_a_content_read_and_the_operator_the_implementation_report()
    {
        var registry = new Hld.Contracts.Registry.V1.RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        var reporting = new Hld.Contracts.Reporting.V1.ReportingService.ReportingServiceClient(hosts.Reporting.Channel);
        // Signed with the development key, as a valid token of an issuer we trust, with a role we do not know.
        var now = DateTime.UtcNow;
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = DevelopmentTokens.Audience,
            Claims = new Dictionary<string, object> { [HldClaims.Subject] = "admin:-", [HldClaims.Role] = Unknown },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(DevelopmentTokens.Key(DevelopmentTokens.DefaultSigningKey), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        var admin = new Grpc.Core.CallOptions(headers: new Grpc.Core.Metadata { { "authorization", "Bearer " + token } });

        var unknown = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => registry.GetParticipantAsync(new Hld.Contracts.Registry.V1.GetParticipantRequest { ParticipantId = "FRA" }, admin).ResponseAsync);
        var asOperator = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => reporting.GetImplementationReportAsync(new Hld.Contracts.Reporting.V1.GetImplementationReportRequest(), Hld.Testing.TestTokens.Call(Roles.Operator)).ResponseAsync);

        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, unknown.StatusCode);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, asOperator.StatusCode);
    }

    [Fact]
    public async Task The_operator_lists_a_hosts_dead_letters_over_the_wire_and_a_replay_of_an_unknown_one_is_not_found()
    {
        var operations = new Hld.Contracts.Common.V1.OperationsService.OperationsServiceClient(hosts.Hearings.Channel);
        var asOperator = Hld.Testing.TestTokens.Call(Roles.Operator);

        var page = await operations.ListDeadLettersAsync(new Hld.Contracts.Common.V1.ListDeadLettersRequest(), asOperator);
        var unknown = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => operations.ReplayDeadLetterAsync(new Hld.Contracts.Common.V1.ReplayDeadLetterRequest { EventId = "no-such-event" }, asOperator).ResponseAsync);
        var badToken = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => operations.ListDeadLettersAsync(new Hld.Contracts.Common.V1.ListDeadLettersRequest { PageToken = "garbage" }, asOperator).ResponseAsync);

        Assert.Equal(page.Total, page.DeadLetters.Count);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, badToken.StatusCode);
    }

    // What the operator runs: reference data, projections and their status, dead letters.
    private static bool OperatorsOwn(string method) =>
        method.StartsWith("hld.common.v1.OperationsService/", StringComparison.Ordinal)
        || method.EndsWith("/LoadReferenceData", StringComparison.Ordinal)
        || method.EndsWith("/RebuildProjections", StringComparison.Ordinal)
        || method.EndsWith("/GetProjectionStatus", StringComparison.Ordinal);

    private static string Header() =>
        $"| method | {string.Join(" | ", Columns)} |\n|---|{string.Concat(Enumerable.Repeat("---|", Columns.Length))}";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HLD.Services.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HLD.Services.sln not found above " + AppContext.BaseDirectory);
    }
}
