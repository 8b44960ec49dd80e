using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Hld.Console.Api;

namespace Hld.Console.Tests;

public sealed class RefusalTests
{
    [Fact]
    public void A_refusal_names_its_code_as_gRPC_does_and_its_paragraph_from_ErrorInfo()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = "Record the consultation before circulating.",
            Details = { Any.Pack(new ErrorInfo { Reason = "CONSULTATION_REQUIRED", Domain = "hld.services", Metadata = { ["paragraph"] = "12" } }) },
        };

        var refusal = Refusal.Of(status.ToRpcException());

        Assert.Equal(new Refusal("FAILED_PRECONDITION", "Record the consultation before circulating.", "CONSULTATION_REQUIRED", "12"), refusal);
    }

    [Fact]
    public void A_refusal_without_details_keeps_its_message()
    {
        var refusal = Refusal.Of(new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "no host")));

        Assert.Equal(new Refusal("UNAVAILABLE", "no host", null, null), refusal);
        Assert.Equal("PERMISSION_DENIED", Refusal.CodeName(StatusCode.PermissionDenied));
    }

    [Fact]
    public void A_refusal_shows_the_message_in_the_language_the_API_worded_it_for_the_reader()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = "Record the consultation before circulating.",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = "CONSULTATION_REQUIRED", Domain = "hld.services", Metadata = { ["paragraph"] = "12" } }),
                Any.Pack(new LocalizedMessage { Locale = "fr", Message = "Consignez la consultation avant de diffuser la liste." }),
            },
        };

        var refusal = Refusal.Of(status.ToRpcException());

        Assert.Equal(("Consignez la consultation avant de diffuser la liste.", "fr", "12"), (refusal.Message, refusal.Locale, refusal.Paragraph));
        Assert.Equal("en", Refusal.Of(new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "no host"))).Locale);
    }
}
