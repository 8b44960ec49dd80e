using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Platform.Time;

/// <summary>Lets an operator read, and in Development move, the clock the rules see.</summary>
public sealed class ClockGrpcService(TimeProvider clock) : ClockService.ClockServiceBase
{
    [Authorize(Policy = Policies.AnyRole)]
    public override Task<GetClockResponse> GetClock(GetClockRequest request, ServerCallContext context) =>
        Task.FromResult(new GetClockResponse { Now = Timestamp.FromDateTimeOffset(clock.GetUtcNow()), Manual = clock is ManualTimeProvider });

    [Authorize(Roles = Roles.Operator)]
    public override Task<AdvanceClockResponse> AdvanceClock(AdvanceClockRequest request, ServerCallContext context)
    {
        if (clock is not ManualTimeProvider manual)
        {
            throw new PlatformPreconditionException("CLOCK_NOT_MANUAL", "The clock can only be moved in Development, where it is a manual clock.");
        }

        DateTimeOffset target;
        if (request.To is not null)
        {
            target = request.To.ToDateTimeOffset();
        }
        else
        {
            new FieldChecks()
                .Require(request.By is not null && request.By.ToTimeSpan() > TimeSpan.Zero, "by", "must be a positive duration (or set `to`)")
                .ThrowIfAny();
            target = manual.GetUtcNow() + request.By!.ToTimeSpan();
        }

        if (!manual.TryMoveTo(target))
        {
            throw new InvalidArgumentException([new FieldViolation("to", "must not be before the clock's current time")]);
        }

        return Task.FromResult(new AdvanceClockResponse { Now = Timestamp.FromDateTimeOffset(manual.GetUtcNow()) });
    }
}
