using System.Net;
using Messages.Api.Tests.Infrastructure;
using Serilog.Events;

namespace Messages.Api.Tests.Logging;

/// <summary>The RequestCompleted (2000) schema of real requests, one test per auth outcome. Field names are a contract.</summary>
[Collection(ApiCollection.Name)]
public sealed class RequestCompletionTests(ApiFactory api)
{
    private static readonly string[] _commonFields =
        ["EventId", "SourceContext", "RequestId", "ConnectionId", "RequestMethod", "Route", "StatusCode", "Elapsed", "AuthOutcome", "RequestName"];

    public static TheoryData<string> OneCasePerUnauthenticatedReason() =>
        new(AuthMatrix.Cases.Where(entry => entry.Value.Status == 401).DistinctBy(entry => entry.Value.Code).Select(entry => entry.Key));

    [Fact]
    public async Task Get_PublicWithoutToken_LogsAnonymousCompletion()
    {
        var traced = await TracedRequest.GetAsync(api, AuthMatrix.Public, authorization: null);

        Assert.Equal(HttpStatusCode.OK, traced.Status);
        var completion = traced.Completion;
        Assert.Equal(LogEventLevel.Information, completion.Level);
        Assert.Equal(_commonFields.Order(), completion.Properties.Keys.Order());
        Assert.Equal("GET", completion.Scalar("RequestMethod"));
        Assert.Equal("/api/public", completion.Scalar("Route"));
        Assert.Equal(200, completion.Scalar("StatusCode"));
        Assert.IsType<double>(completion.Scalar("Elapsed"));
        Assert.Equal("anonymous", completion.Scalar("AuthOutcome"));
        Assert.Equal("GetPublicMessage", completion.Scalar("RequestName"));
    }

    [Fact]
    public async Task Get_PublicWithoutToken_WritesClefWithTraceAndSpanIds()
    {
        var traced = await TracedRequest.GetAsync(api, AuthMatrix.Public, authorization: null);

        var clef = traced.Completion.ClefJson();
        Assert.Equal(traced.TraceId, clef.GetProperty("@tr").GetString());
        Assert.Equal(traced.Completion.SpanId?.ToHexString(), clef.GetProperty("@sp").GetString());
        Assert.Matches("^[0-9a-f]{16}$", clef.GetProperty("@sp").GetString());
        Assert.Equal("HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0000} ms", clef.GetProperty("@mt").GetString());
        Assert.Equal(2000, clef.GetProperty("EventId").GetProperty("Id").GetInt32());
        Assert.Equal("RequestCompleted", clef.GetProperty("EventId").GetProperty("Name").GetString());
        Assert.Equal("/api/public", clef.GetProperty("Route").GetString());
        Assert.False(clef.TryGetProperty("RequestPath", out _));
    }

    [Fact]
    public async Task Get_ValidTokenWithClient_LogsAuthenticatedCompletionWithSubjectAndClientId()
    {
        var token = api.Issuer.CreateToken(new() { Subject = "auth0|carol", Claims = new Dictionary<string, object> { ["azp"] = "client-carol" } });

        var traced = await TracedRequest.GetAsync(api, AuthMatrix.Private, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, traced.Status);
        var completion = traced.Completion;
        Assert.Equal(_commonFields.Append("Subject").Append("ClientId").Order(), completion.Properties.Keys.Order());
        Assert.Equal("/api/private", completion.Scalar("Route"));
        Assert.Equal("GetPrivateMessage", completion.Scalar("RequestName"));
        Assert.Equal("authenticated", completion.Scalar("AuthOutcome"));
        Assert.Equal("auth0|carol", completion.Scalar("Subject"));
        Assert.Equal("client-carol", completion.Scalar("ClientId"));
    }

    [Theory]
    [InlineData("client_id")]
    [InlineData("cid")]
    public async Task Get_ValidTokenNamingItsClientOtherwise_LogsThatClientId(string claim)
    {
        var token = api.Issuer.CreateToken(new() { Subject = "auth0|dave", Claims = new Dictionary<string, object> { [claim] = "client-dave" } });

        var traced = await TracedRequest.GetAsync(api, AuthMatrix.Private, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, traced.Status);
        Assert.Equal("client-dave", traced.Completion.Scalar("ClientId"));
    }

    [Theory]
    [MemberData(nameof(OneCasePerUnauthenticatedReason))]
    public async Task Get_Unauthenticated_LogsReasonInCompletionAndAuthenticationFailed(string caseName)
    {
        var matrixCase = AuthMatrix.Cases[caseName];
        var requestName = matrixCase.Path == AuthMatrix.Scoped ? "GetPrivateScopedMessage" : "GetPrivateMessage";

        var traced = await TracedRequest.GetAsync(api, matrixCase.Path, matrixCase.Authorization(api.Issuer));

        Assert.Equal(HttpStatusCode.Unauthorized, traced.Status);
        var completion = traced.Completion;
        Assert.Equal(LogEventLevel.Information, completion.Level);
        var expectedFields = _commonFields.Append("ReasonCode");
        Assert.Equal((matrixCase.Path == AuthMatrix.Scoped ? expectedFields.Append("RequiredScope") : expectedFields).Order(), completion.Properties.Keys.Order());
        Assert.Equal(matrixCase.Path, completion.Scalar("Route"));
        Assert.Equal(401, completion.Scalar("StatusCode"));
        Assert.Equal(requestName, completion.Scalar("RequestName"));
        Assert.Equal("unauthenticated", completion.Scalar("AuthOutcome"));
        Assert.Equal(matrixCase.Code, completion.Scalar("ReasonCode"));
        var failed = traced.Single(4010);
        Assert.Equal("AuthenticationFailed", failed.EventNameOf());
        Assert.Equal(LogEventLevel.Warning, failed.Level);
        Assert.Equal(requestName, failed.Scalar("RequestName"));
        Assert.Equal("unauthenticated", failed.Scalar("AuthOutcome"));
        Assert.Equal(matrixCase.Code, failed.Scalar("ReasonCode"));
        Assert.Equal(traced.TraceId, failed.Scalar("TraceId"));
        Assert.False(failed.Properties.ContainsKey("Subject"));
    }

    [Fact]
    public async Task Get_MissingScope_LogsForbiddenCompletionAndAuthorizationDenied()
    {
        var token = api.Issuer.CreateToken(new()
        {
            Scope = "write:messages",
            Subject = "auth0|bob",
            Claims = new Dictionary<string, object> { ["azp"] = "client-bob" },
        });

        var traced = await TracedRequest.GetAsync(api, AuthMatrix.Scoped, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.Forbidden, traced.Status);
        var completion = traced.Completion;
        Assert.Equal(
            _commonFields.Concat(["ReasonCode", "RequiredScope", "Subject", "ClientId"]).Order(),
            completion.Properties.Keys.Order());
        Assert.Equal("/api/private-scoped", completion.Scalar("Route"));
        Assert.Equal(403, completion.Scalar("StatusCode"));
        Assert.Equal("forbidden", completion.Scalar("AuthOutcome"));
        Assert.Equal("insufficient_scope", completion.Scalar("ReasonCode"));
        Assert.Equal("read:messages", completion.Scalar("RequiredScope"));
        Assert.Equal("auth0|bob", completion.Scalar("Subject"));
        Assert.Equal("client-bob", completion.Scalar("ClientId"));
        var denied = traced.Single(4030);
        Assert.Equal("AuthorizationDenied", denied.EventNameOf());
        Assert.Equal("GetPrivateScopedMessage", denied.Scalar("RequestName"));
        Assert.Equal("forbidden", denied.Scalar("AuthOutcome"));
        Assert.Equal("insufficient_scope", denied.Scalar("ReasonCode"));
        Assert.Equal("read:messages", denied.Scalar("RequiredScope"));
        Assert.Equal("auth0|bob", denied.Scalar("Subject"));
        Assert.Equal("client-bob", denied.Scalar("ClientId"));
    }

    [Fact]
    public async Task Get_UnknownPath_LogsNoRouteAndNoRawPath()
    {
        var traced = await TracedRequest.GetAsync(api, "/api/users/12345", authorization: null);

        Assert.Equal(HttpStatusCode.NotFound, traced.Status);
        Assert.Equal("(none)", traced.Completion.Scalar("Route"));
        Assert.DoesNotContain(traced.Events, logEvent => logEvent.Clef().Contains("12345", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_HealthProbe_WritesNoCompletionEventAtProductionLevel()
    {
        var probe = await TracedRequest.GetAsync(api, "/health/live", authorization: null);
        var other = await TracedRequest.GetAsync(api, "/healthy", authorization: null);

        Assert.DoesNotContain(probe.Events, LogEventReading.IsCompletion);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal(LogEventLevel.Information, other.Completion.Level);
    }
}
