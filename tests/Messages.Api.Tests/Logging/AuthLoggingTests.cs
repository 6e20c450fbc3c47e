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

    [Fact]
    public async Task MatrixAndHostileTokens_NeverLogTokensSignaturesOrRejectedClaims()
    {
        var secrets = new List<string>();
        foreach (var (name, matrixCase) in AuthMatrix.Cases)
        {
            var authorization = matrixCase.Authorization(api.Issuer);
            using var client = api.CreateClient(authorization);
            using var response = await client.GetAsync(matrixCase.Path);
            Assert.True((int)response.StatusCode == matrixCase.Status, name);
            if (authorization?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var token, ..])
            {
                secrets.Add(token);
                secrets.AddRange(token.Split('.').Where(segment => segment.Length >= 16));
            }
        }

        var rejected = api.Issuer.CreateToken(new()
        {
            Audience = "https://other/api",
            Subject = "auth0|rejected-subject-7731",
            Claims = new Dictionary<string, object> { ["azp"] = "rejected-client-7731" },
        });
        using (var client = api.CreateClient($"Bearer {rejected}"))
        {
            using var response = await client.GetAsync(AuthMatrix.Private);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        secrets.Add("auth0|rejected-subject-7731");
        secrets.Add("rejected-client-7731");
        secrets.Add("https://other/api");
        var logged = api.Logs.Events.Select(logEvent => logEvent.Clef() + logEvent.RenderMessage() + logEvent.Exception).ToList();
        Assert.NotEmpty(logged);
        foreach (var secret in secrets.Distinct())
        {
            Assert.DoesNotContain(logged, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }
}
