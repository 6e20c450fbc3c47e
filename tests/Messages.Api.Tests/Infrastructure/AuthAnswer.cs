using System.Text.Json;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>What a caller learns from an answer: status, problem <c>code</c>, challenge and Retry-After.</summary>
public sealed record AuthAnswer(int Status, string? Code, string? Challenge, string? RetryAfter)
{
    public static async Task<AuthAnswer> ReadAsync(HttpResponseMessage response)
    {
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            code = problem.RootElement.TryGetProperty("code", out var value) ? value.GetString() : null;
        }

        return new AuthAnswer((int)response.StatusCode, code, Header(response, "WWW-Authenticate"), Header(response, "Retry-After"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
