using System.Text;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Messages.Api.Tests.Security;

[Collection(ApiCollection.Name)]
public sealed class LogLeakTests(ApiFactory api)
{
    private const int MinimumSecretLength = 6;

    [Fact]
    public async Task HostileSuite_CapturedLogEvents_HoldNoTokenSignatureOrRejectedClaim()
    {
        var requests = AuthMatrix.Cases.Values.Concat(HostileCases.Cases.Values)
            .Select(request => (Path: request.PathFor(api.Issuer), Authorization: request.Authorization(api.Issuer), request.Copies))
            .ToList();
        var fuzzer = new AuthorizationFuzzer(11, AuthorizationFuzzer.BaseToken(api.Issuer), api.Issuer.Issuer);
        requests.AddRange(Enumerable.Range(0, 500).Select(_ => (AuthMatrix.Private, (string?)fuzzer.Next(), 1)));
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var rejectedClaims = new HashSet<string>(StringComparer.Ordinal);
        var acceptedClaims = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (path, authorization, copies) in requests)
        {
            var answer = await api.GetAsync(path, authorization, copies);
            foreach (var token in Tokens(authorization, path))
            {
                secrets.Add(token);
                secrets.UnionWith(token.Split('.').Where(segment => segment.Length >= 16));
                (answer.Status == 401 ? rejectedClaims : acceptedClaims).UnionWith(ClaimValues(token));
            }
        }

        await Task.Delay(500);
        secrets.UnionWith(rejectedClaims.Except(acceptedClaims));
        // The configured issuer and audience may be logged (the JWKS address is): they are not the token's.
        secrets.RemoveWhere(secret => api.Issuer.Issuer.Contains(secret, StringComparison.Ordinal) || TestIssuer.Audience.Contains(secret, StringComparison.Ordinal));
        var logged = string.Join('\n', api.Logs.Events.Select(Render));
        var leaked = secrets.Where(secret => secret.Length >= MinimumSecretLength && logged.Contains(secret, StringComparison.Ordinal)).ToList();

        Assert.Contains(HostileCases.RejectedSubject, secrets);
        Assert.Contains(HostileCases.RejectedClient, secrets);
        Assert.Contains("https://evil-tenant.auth0.com/", secrets);
        Assert.Contains("AuthenticationFailed", logged, StringComparison.Ordinal);
        Assert.True(leaked.Count == 0, "Logged: " + string.Join(", ", leaked));
    }

    // What follows "Bearer" in the header, and any access_token in the query string.
    private static IEnumerable<string> Tokens(string? authorization, string path)
    {
        var parts = (authorization ?? string.Empty).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts.Skip(1).Where(part => part.Length >= MinimumSecretLength))
        {
            yield return part.TrimEnd(',');
        }

        var query = path.Split('?', 2) is [_, var text] ? text : string.Empty;
        foreach (var pair in query.Split('&').Where(pair => pair.StartsWith("access_token=", StringComparison.Ordinal)))
        {
            yield return pair["access_token=".Length..];
        }
    }

    private static IEnumerable<string> ClaimValues(string token)
    {
        var segments = token.Split('.');
        if (segments.Length < 2)
        {
            return [];
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(segments[1]));
            return Strings(payload.RootElement).Where(value => value.Length >= MinimumSecretLength).ToList();
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return [];
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Strings(property.Value)),
        _ => [],
    };

    private static string Render(LogEvent logEvent)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text))
        {
            new CompactJsonFormatter().Format(logEvent, writer);
        }

        return text.Append(logEvent.RenderMessage()).Append(logEvent.Exception).ToString();
    }
}
