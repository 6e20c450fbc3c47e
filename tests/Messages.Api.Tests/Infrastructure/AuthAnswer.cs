using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>What a caller learns from an answer: status, problem <c>code</c>, challenge and Retry-After.</summary>
public sealed record AuthAnswer(int Status, string? Code, string? Challenge, string? RetryAfter)
{
    public static async Task<AuthAnswer> ReadAsync(HttpResponse response)
    {
        string? code = null;
        if (response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true)
        {
            using var problem = await JsonDocument.ParseAsync(response.Body);
            code = problem.RootElement.TryGetProperty("code", out var value) ? value.GetString() : null;
        }

        return new AuthAnswer(response.StatusCode, code, Header(response, "WWW-Authenticate"), Header(response, "Retry-After"));
    }

    public static async Task<AuthAnswer> ReadAsync(HttpResponseMessage response)
    {
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            code = problem.RootElement.TryGetProperty("code", out var value) ? value.GetString() : null;
        }

        return new AuthAnswer((int)response.StatusCode, code,
            response.Headers.TryGetValues("WWW-Authenticate", out var challenge) ? string.Join(", ", challenge) : null,
            response.Headers.TryGetValues("Retry-After", out var retryAfter) ? string.Join(", ", retryAfter) : null);
    }

    private static string? Header(HttpResponse response, string name) =>
        response.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
}
