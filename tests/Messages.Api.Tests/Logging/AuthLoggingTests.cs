using System.Net;
using Messages.Api.Tests.Infrastructure;
using Serilog.Events;

namespace Messages.Api.Tests.Logging;

[Collection(ApiCollection.Name)]
public sealed class AuthLoggingTests(ApiFactory api)
{
    [Fact]
    public async Task Get_Denied_LogsOneCompletionEventWithRealStatusAndNoError()
    {
        var traced = await TracedRequest.GetAsync(api, AuthMatrix.Private, authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, traced.Status);
        Assert.Equal(401, traced.Completion.Scalar("StatusCode"));
        Assert.Single(traced.Events, logEvent => logEvent.EventIdOf() is 4010 or 4030);
        Assert.DoesNotContain(traced.Events, logEvent => logEvent.Level >= LogEventLevel.Error);
    }
}
