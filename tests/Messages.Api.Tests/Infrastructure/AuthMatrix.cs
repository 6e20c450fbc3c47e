using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>One request of the matrix: a route, an Authorization header, and the answer it must get.</summary>
public sealed record AuthCase(string Path, Func<TestIssuer, string?> Authorization, int Status, string? Code)
{
    /// <summary>The WWW-Authenticate the answer must carry (null: none). Checked by the hostile suite.</summary>
    public string? Challenge { get; init; }

    /// <summary>How many Authorization fields carry the value.</summary>
    public int Copies { get; init; } = 1;

    /// <summary>A query string to append, made with the issuer (a token in the URL).</summary>
    public Func<TestIssuer, string>? Query { get; init; }

    public string PathFor(TestIssuer issuer) => Query is null ? Path : $"{Path}?{Query(issuer)}";
}

/// <summary>
/// Auth0's quickstart test matrix and the hostile tokens around it. Shared by the in-process tests and
/// the test that runs the built API as its own process, so both answer the same questions.
/// </summary>
public static class AuthMatrix
{
    public const string Public = "/api/public";
    public const string Private = "/api/private";
    public const string Scoped = "/api/private-scoped";

    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>
    {
        [Public] = "Hello from a public endpoint! You don't need to be authenticated to see this.",
        [Private] = "Hello from a private endpoint! You need to be authenticated to see this.",
        [Scoped] = "Hello from a private endpoint! You need to be authenticated and have a scope of read:messages to see this.",
    };

    public static readonly IReadOnlyDictionary<string, AuthCase> Cases = Build();

    public static TheoryData<string> Names() => new(Cases.Keys);

    public static string Bearer(string token) => $"Bearer {token}";

    /// <summary>Sends one case (a fresh token each time) and reads the status and the problem's code.</summary>
    public static async Task<(int Status, string? Code)> SendAsync(HttpClient client, AuthCase matrixCase, TestIssuer issuer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, matrixCase.Path.TrimStart('/'));
        if (matrixCase.Authorization(issuer) is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return ((int)response.StatusCode, null);
        }

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, problem.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    /// <summary>Every case whose answer differs from the expected one, as "name: status code".</summary>
    public static async Task<List<string>> MismatchesAsync(HttpClient client, TestIssuer issuer, Func<string, AuthCase, int>? expectedStatus = null)
    {
        var mismatches = new List<string>();
        foreach (var (name, matrixCase) in Cases)
        {
            var (status, code) = await SendAsync(client, matrixCase, issuer);
            var expected = expectedStatus?.Invoke(name, matrixCase) ?? matrixCase.Status;
            if (status != expected || (expected == matrixCase.Status && code != matrixCase.Code))
            {
                mismatches.Add($"{name}: {status} {code}");
            }
        }

        return mismatches;
    }

    private static Dictionary<string, AuthCase> Build()
    {
        var cases = new Dictionary<string, AuthCase>();

        void Add(string name, string path, Func<TestIssuer, string?> authorization, int status, string? code = null) =>
            cases.Add(name, new AuthCase(path, authorization, status, code));

        void BothPrivate(string name, Func<TestIssuer, string?> authorization, string code)
        {
            Add($"{name} -> private", Private, authorization, 401, code);
            Add($"{name} -> scoped", Scoped, authorization, 401, code);
        }

        // Auth0's quickstart matrix.
        Add("public without token", Public, _ => null, 200);
        Add("public with garbage token", Public, _ => "Bearer invalidToken", 200);
        BothPrivate("no header", _ => null, "authorization_header_missing");
        BothPrivate("'Bearer ' alone", _ => "Bearer ", "invalid_header");
        BothPrivate("blank header", _ => " ", "invalid_header");
        BothPrivate("Bearer invalidToken", _ => "Bearer invalidToken", "invalid_header");
        BothPrivate("Bearer invalidToken abc", _ => "Bearer invalidToken abc", "invalid_header");
        BothPrivate("valid token with 'string' appended", issuer => Bearer(issuer.CreateToken() + "string"), "invalid_signature");
        Add("no scope -> private", Private, issuer => Bearer(issuer.CreateToken()), 200);
        Add("no scope -> scoped", Scoped, issuer => Bearer(issuer.CreateToken()), 403, "insufficient_scope");
        Add("read:messages -> private", Private, issuer => Bearer(issuer.CreateToken(new() { Scope = "read:messages" })), 200);
        Add("read:messages -> scoped", Scoped, issuer => Bearer(issuer.CreateToken(new() { Scope = "read:messages" })), 200);
        Add("write:messages -> scoped", Scoped, issuer => Bearer(issuer.CreateToken(new() { Scope = "write:messages" })), 403, "insufficient_scope");
        Add("read and write -> private", Private, issuer => Bearer(issuer.CreateToken(new() { Scope = "read:messages write:messages" })), 200);
        Add("read and write -> scoped", Scoped, issuer => Bearer(issuer.CreateToken(new() { Scope = "read:messages write:messages" })), 200);

        // Scopes come only from the validated token, matched exactly.
        Add("permissions array -> scoped", Scoped, issuer => Bearer(issuer.CreateToken(new() { Permissions = ["read:messages"] })), 200);
        Add("scope as JSON array -> scoped", Scoped,
            issuer => Bearer(issuer.CreateToken(new() { Claims = new Dictionary<string, object> { ["scope"] = new[] { "read:messages" } } })),
            403, "insufficient_scope");
        Add("READ:MESSAGES -> scoped", Scoped, issuer => Bearer(issuer.CreateToken(new() { Scope = "READ:MESSAGES" })), 403, "insufficient_scope");
        Add("read:messagesX -> scoped", Scoped, issuer => Bearer(issuer.CreateToken(new() { Scope = "read:messagesX" })), 403, "insufficient_scope");
        Add("lowercase bearer scheme -> scoped", Scoped, issuer => $"bearer {issuer.CreateToken(new() { Scope = "read:messages" })}", 200);
        Add("Basic scheme -> private", Private, _ => "Basic dXNlcjpwYXNz", 401, "invalid_header");

        // Claims and lifetime.
        BothPrivate("expired", issuer => Bearer(issuer.CreateToken(new() { NotBefore = TimeSpan.FromHours(-2) })), "token_expired");
        BothPrivate("not yet valid", issuer => Bearer(issuer.CreateToken(new() { NotBefore = TimeSpan.FromHours(1) })), "token_not_yet_valid");
        BothPrivate("no exp", issuer => Bearer(issuer.CreateToken(new() { Lifetime = null })), "invalid_claims");
        BothPrivate("wrong audience", issuer => Bearer(issuer.CreateToken(new() { Audience = "https://other/api" })), "invalid_audience");
        BothPrivate("no audience", issuer => Bearer(issuer.CreateToken(new() { Audience = null })), "invalid_audience");
        Add("audience array containing ours -> scoped", Scoped,
            issuer => Bearer(issuer.CreateToken(new()
            {
                Audience = null,
                Scope = "read:messages",
                Claims = new Dictionary<string, object> { ["aud"] = new[] { "https://other/api", TestIssuer.Audience } },
            })),
            200);
        BothPrivate("wrong issuer", issuer => Bearer(issuer.CreateToken(new() { Issuer = "https://evil.example.com/" })), "invalid_issuer");
        BothPrivate("issuer without trailing slash",
            issuer => Bearer(issuer.CreateToken(new() { Issuer = issuer.Issuer.TrimEnd('/') })), "invalid_issuer");

        // Signatures and keys.
        BothPrivate("alg none", issuer => Bearer(issuer.CreateUnsignedToken(new { alg = "none", typ = "JWT", kid = TestIssuer.KeyId })), "invalid_algorithm");
        BothPrivate("HS256 signed with the public key", issuer => Bearer(issuer.CreateUnsignedToken(
            new { alg = "HS256", typ = "JWT", kid = TestIssuer.KeyId },
            sign: input => HMACSHA256.HashData(Encoding.ASCII.GetBytes(issuer.PublicKeyPem), input))), "invalid_algorithm");
        BothPrivate("RS384, not allowed", issuer => Bearer(issuer.CreateToken(new() { Algorithm = SecurityAlgorithms.RsaSha384 })), "invalid_algorithm");
        BothPrivate("unknown kid", issuer => Bearer(issuer.CreateToken(new() { Key = issuer.UnpublishedKey("unknown-kid") })), "invalid_signature");
        BothPrivate("no kid", issuer => Bearer(issuer.CreateToken(new() { Key = new RsaSecurityKey(issuer.SigningKey.Rsa) })), "invalid_signature");
        BothPrivate("other key under our kid", issuer => Bearer(issuer.CreateToken(new() { Key = issuer.UnpublishedKey(TestIssuer.KeyId) })), "invalid_signature");
        BothPrivate("JWE (five parts)", _ => Bearer("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d"), "invalid_token");
        BothPrivate("huge token", _ => Bearer("eyJhbGciOiJSUzI1NiJ9." + new string('a', 300_000) + ".sig"), "invalid_header");

        return cases;
    }
}
