using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Serilog.Events;

namespace Messages.Api.Tests.Logging;

[Collection(ApiCollection.Name)]
public sealed class AuthLoggingTests(ApiFactory api)
{
    [Fact]
    public async Task Get_MissingScope_LogsOneForbiddenEvent()
    {
        var token = api.Issuer.CreateToken(new() { Scope = "write:messages", Subject = "auth0|bob" });

        var (status, events) = await GetAsync(AuthMatrix.Scoped, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var denial = Assert.Single(events, logEvent => EventId(logEvent) is 4010 or 4030);
        Assert.Equal(4030, EventId(denial));
        Assert.Equal(LogEventLevel.Warning, denial.Level);
        Assert.Equal("GetPrivateScopedMessage", Property(denial, "RequestName"));
        Assert.Equal("forbidden", Property(denial, "Outcome"));
        Assert.Equal("insufficient_scope", Property(denial, "ReasonCode"));
        Assert.Equal("read:messages", Property(denial, "RequiredScope"));
        Assert.Equal("auth0|bob", Property(denial, "Subject"));
    }

    [Fact]
    public async Task Get_ExpiredToken_LogsOneUnauthenticatedEventWithReason()
    {
        var token = api.Issuer.CreateToken(new() { NotBefore = TimeSpan.FromHours(-2), Subject = "auth0|expired-caller" });

        var (status, events) = await GetAsync(AuthMatrix.Private, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var denial = Assert.Single(events, logEvent => EventId(logEvent) is 4010 or 4030);
        Assert.Equal(4010, EventId(denial));
        Assert.Equal("GetPrivateMessage", Property(denial, "RequestName"));
        Assert.Equal("unauthenticated", Property(denial, "Outcome"));
        Assert.Equal("token_expired", Property(denial, "ReasonCode"));
        Assert.False(denial.Properties.ContainsKey("Subject"));
    }

    [Fact]
    public async Task Get_Denied_LogsOneCompletionEventWithRealStatusAndNoError()
    {
        var (_, events) = await GetAsync(AuthMatrix.Private, authorization: null);

        var completion = Assert.Single(events, logEvent => logEvent.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
        Assert.Equal("401", completion.Properties["StatusCode"].ToString());
        Assert.Equal("\"/api/private\"", completion.Properties["RequestPath"].ToString());
        Assert.DoesNotContain(events, logEvent => logEvent.Level >= LogEventLevel.Error);
    }

    private async Task<(HttpStatusCode Status, IReadOnlyList<LogEvent> Events)> GetAsync(string path, string? authorization)
    {
        using var client = api.CreateClient(authorization);
        using var response = await client.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var traceId = problem.GetProperty("traceId").GetString()!.Split('-')[1];
        // The completion event is written after the response is sent.
        var events = await EventuallyAsync(() => api.Logs.ForTrace(traceId), events => events.Any(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)));
        return (response.StatusCode, events);
    }

    private static async Task<IReadOnlyList<LogEvent>> EventuallyAsync(Func<IReadOnlyList<LogEvent>> read, Func<IReadOnlyList<LogEvent>, bool> done)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var events = read();
            if (done(events))
            {
                return events;
            }

            await Task.Delay(20);
        }

        return read();
    }

    private static int? EventId(LogEvent logEvent) => CapturingSink.EventId(logEvent);

    private static string? Property(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var scalar } ? scalar?.ToString() : null;
}
