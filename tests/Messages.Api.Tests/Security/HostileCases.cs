using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Messages.Api.Authentication;
using Messages.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using static Messages.Api.Tests.Infrastructure.AuthMatrix;

namespace Messages.Api.Tests.Security;

/// <summary>
/// Named hostile requests, each with the status, problem code and WWW-Authenticate it must get: the
/// Authorization header, the token's structure, its algorithm, key-locating and critical headers, its
/// type and claims, and path variants that must not reach a protected handler without a token.
/// </summary>
public static class HostileCases
{
    /// <summary>The subject of every rejected token here: a claim value that must never be logged.</summary>
    public const string RejectedSubject = "auth0|hostile-caller-5521";

    public static readonly IReadOnlyDictionary<string, AuthCase> Cases = Build();

    public static TheoryData<string> Names() => new(Cases.Keys);

    public const string RejectedClient = "hostile-client-5521";

    private static readonly TokenSpec _hostile = new()
    {
        Subject = RejectedSubject,
        Claims = new Dictionary<string, object> { ["azp"] = RejectedClient },
    };

    private static Dictionary<string, AuthCase> Build()
    {
        var cases = new Dictionary<string, AuthCase>();

        void Rejected(string name, Func<TestIssuer, string?> authorization, BearerFailure failure, string path = Private, int copies = 1,
            Func<TestIssuer, string>? query = null) =>
            cases.Add(name, new AuthCase(path, authorization, failure.Status, failure.Code)
            {
                Challenge = failure.TokenPresented ? $"Bearer error=\"invalid_token\", error_description=\"{failure.Description}\"" : "Bearer",
                Copies = copies,
                Query = query,
            });

        void Accepted(string name, Func<TestIssuer, string?> authorization, string path = Private) =>
            cases.Add(name, new AuthCase(path, authorization, 200, null));

        void Forbidden(string name, Func<TestIssuer, string?> authorization) =>
            cases.Add(name, new AuthCase(Scoped, authorization, 403, "insufficient_scope")
            {
                Challenge = "Bearer error=\"insufficient_scope\", error_description=\"The access token does not grant the scope this request needs: read:messages.\", scope=\"read:messages\"",
            });

        void NotFound(string name, string path) => cases.Add(name, new AuthCase(path, _ => null, 404, null));

        // The Authorization header (RFC 6750 section 2.1: "Bearer" 1*SP token, scheme case-insensitive).
        Rejected("token in the query string only", _ => null, BearerFailure.HeaderMissing, query: ValidInQuery);
        Rejected("token in the query string, garbage header", _ => "Bearer invalidToken", BearerFailure.Malformed, query: ValidInQuery);
        Rejected("token in the query string, scoped route", _ => null, BearerFailure.HeaderMissing, Scoped, query: ValidInQuery);
        Rejected("two Authorization fields", issuer => Bearer(issuer.CreateToken(_hostile)), BearerFailure.SeveralHeaders, copies: 2);
        Rejected("two tokens in one field", issuer => $"Bearer {issuer.CreateToken(_hostile)}, Bearer {issuer.CreateToken(_hostile)}", BearerFailure.NotOneToken);
        Accepted("lowercase bearer", issuer => $"bearer {issuer.CreateToken()}");
        Accepted("uppercase BEARER", issuer => $"BEARER {issuer.CreateToken()}");
        Accepted("several spaces after Bearer", issuer => $"Bearer   {issuer.CreateToken()}");
        Rejected("tab after Bearer", issuer => $"Bearer\t{issuer.CreateToken(_hostile)}", BearerFailure.NotBearer);
        Rejected("no-break space after Bearer", issuer => $"Bearer\u00a0{issuer.CreateToken(_hostile)}", BearerFailure.NotBearer);
        Accepted("tab after the token (whitespace around a field value)", issuer => $"\tBearer {issuer.CreateToken()}\t");
        Rejected("token in quotes", issuer => $"Bearer \"{issuer.CreateToken(_hostile)}\"", BearerFailure.Malformed);
        Rejected("Bearer= glued to the token", issuer => $"Bearer={issuer.CreateToken(_hostile)}", BearerFailure.NotBearer);
        Rejected("Token scheme", issuer => $"Token {issuer.CreateToken(_hostile)}", BearerFailure.NotBearer);
        Rejected("DPoP scheme", issuer => $"DPoP {issuer.CreateToken(_hostile)}", BearerFailure.NotBearer);
        Rejected("token without a scheme", issuer => issuer.CreateToken(_hostile), BearerFailure.NotBearer);
        Rejected("17 KiB token", _ => Bearer("eyJhbGciOiJSUzI1NiJ9." + new string('a', 17 * 1024) + ".c2ln"), BearerFailure.TooLarge);
        Rejected("1 MiB header", _ => Bearer(new string('a', 1024 * 1024)), BearerFailure.TooLarge);

        // The token's structure.
        Rejected("malformed base64 in the header segment", issuer => Bearer("ey!!*." + Segments(issuer)[1] + ".c2ln"), BearerFailure.Malformed);
        Rejected("non-JSON header", issuer => Bearer(Encode("not json") + "." + Segments(issuer)[1] + ".c2ln"), BearerFailure.Malformed);
        Rejected("JSON array header", issuer => Bearer(Encode("[\"RS256\"]") + "." + Segments(issuer)[1] + ".c2ln"), BearerFailure.Malformed);
        Rejected("JSON string header", issuer => Bearer(Encode("\"RS256\"") + "." + Segments(issuer)[1] + ".c2ln"), BearerFailure.Malformed);
        Rejected("non-JSON payload", issuer => Bearer(Segments(issuer)[0] + "." + Encode("hello") + "." + Segments(issuer)[2]), BearerFailure.Malformed);
        Rejected("deeply nested header", issuer => Bearer(SignedWithRawHeader(issuer,
            "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + TestIssuer.KeyId + "\",\"x\":" + new string('[', 5000) + new string(']', 5000) + "}")), BearerFailure.Malformed);
        Rejected("duplicate alg in the header", issuer => Bearer(SignedWithRawHeader(issuer,
            "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + TestIssuer.KeyId + "\",\"alg\":\"none\"}")), BearerFailure.InvalidAlgorithm);
        Rejected("two segments", issuer => Bearer(string.Join('.', Segments(issuer)[..2])), BearerFailure.Malformed);
        Rejected("four segments", issuer => Bearer(string.Join('.', Segments(issuer)) + ".c2ln"), BearerFailure.Malformed);
        Rejected("six segments", _ => Bearer("a.b.c.d.e.f"), BearerFailure.Malformed);
        Rejected("dots only", _ => Bearer(".."), BearerFailure.Malformed);
        Rejected("JWE with a JWS header", issuer => Bearer(Segments(issuer)[0] + ".a.b.c.d"), BearerFailure.Invalid);
        Rejected("signature removed", issuer => Bearer(string.Join('.', Segments(issuer)[..2]) + "."), BearerFailure.InvalidSignature);
        Rejected("signature of another token", issuer => Bearer(string.Join('.', Segments(issuer)[..2]) + "." + Segments(issuer, new() { Subject = "auth0|other" })[2]), BearerFailure.InvalidSignature);
        Rejected("payload swapped for one with read:messages", issuer => Bearer(
            Segments(issuer)[0] + "." + Segments(issuer, _hostile with { Scope = "read:messages" })[1] + "." + Segments(issuer)[2]), BearerFailure.InvalidSignature, Scoped);
        Rejected("signature truncated", issuer => Bearer(issuer.CreateToken(_hostile)[..^8]), BearerFailure.InvalidSignature);
        Rejected("signature with a flipped character", issuer => Bearer(FlipInSignature(issuer.CreateToken(_hostile))), BearerFailure.InvalidSignature);

        // Algorithms: RS256 only by default.
        foreach (var none in new[] { "None", "NONE", "nOnE", "none " })
        {
            Rejected($"alg '{none}'", issuer => Bearer(issuer.CreateUnsignedToken(Header(("alg", none)), _hostile)), BearerFailure.InvalidAlgorithm);
        }

        Rejected("alg none with a signature", issuer => Bearer(issuer.CreateUnsignedToken(Header(("alg", "none")), _hostile, input => SHA256.HashData(input))), BearerFailure.InvalidAlgorithm);
        Rejected("alg missing", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("alg", null)), _hostile)), BearerFailure.InvalidAlgorithm);
        Rejected("HS384 signed with the public key", issuer => Bearer(issuer.CreateUnsignedToken(Header(("alg", "HS384")), _hostile,
            input => HMACSHA384.HashData(Encoding.ASCII.GetBytes(issuer.PublicKeyPem), input))), BearerFailure.InvalidAlgorithm);
        Rejected("HS256 signed with the JWK modulus", issuer => Bearer(issuer.CreateUnsignedToken(Header(("alg", "HS256")), _hostile,
            input => HMACSHA256.HashData(issuer.SigningKey.Rsa.ExportParameters(false).Modulus!, input))), BearerFailure.InvalidAlgorithm);
        Rejected("RS512, not allowed", issuer => Bearer(issuer.CreateToken(_hostile with { Algorithm = SecurityAlgorithms.RsaSha512 })), BearerFailure.InvalidAlgorithm);
        Rejected("PS256 without configuration", issuer => Bearer(issuer.CreateToken(_hostile with { Algorithm = SecurityAlgorithms.RsaSsaPssSha256 })), BearerFailure.InvalidAlgorithm);
        Rejected("ES256 claimed over an RS256 signature", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("alg", "ES256")), _hostile)), BearerFailure.InvalidAlgorithm);

        // Key-locating headers are never fetched nor trusted: keys come only from the issuer's JWKS.
        Rejected("jku to an attacker JWKS", issuer => Bearer(issuer.CreateTokenWithHeader(
            Header(("kid", issuer.AttackerKey.KeyId), ("jku", issuer.Issuer + TestIssuer.AttackerJwksPath.TrimStart('/'))), _hostile, issuer.AttackerKey)), BearerFailure.InvalidSignature);
        Rejected("x5u to an attacker document", issuer => Bearer(issuer.CreateTokenWithHeader(
            Header(("kid", issuer.AttackerKey.KeyId), ("x5u", issuer.Issuer + TestIssuer.AttackerJwksPath.TrimStart('/'))), _hostile, issuer.AttackerKey)), BearerFailure.InvalidSignature);
        Rejected("embedded jwk of the attacker", issuer => Bearer(issuer.CreateTokenWithHeader(
            Header(("kid", issuer.AttackerKey.KeyId), ("jwk", TestIssuer.Jwk(issuer.AttackerKey))), _hostile, issuer.AttackerKey)), BearerFailure.InvalidSignature);
        Rejected("embedded jwk under our kid", issuer => Bearer(issuer.CreateTokenWithHeader(
            Header(("jwk", TestIssuer.Jwk(issuer.UnpublishedKey(TestIssuer.KeyId)))), _hostile, issuer.AttackerKey)), BearerFailure.InvalidSignature);
        Rejected("x5c with an attacker certificate", issuer => Bearer(issuer.CreateTokenWithHeader(
            Header(("kid", issuer.AttackerKey.KeyId), ("x5c", new[] { AttackerCertificate(issuer) })), _hostile, issuer.AttackerKey)), BearerFailure.InvalidSignature);
        Rejected("kid with path traversal", issuer => Bearer(issuer.CreateToken(_hostile with { Key = issuer.UnpublishedKey("../../../../etc/passwd") })), BearerFailure.InvalidSignature);
        Rejected("kid with SQL", issuer => Bearer(issuer.CreateToken(_hostile with { Key = issuer.UnpublishedKey("' OR '1'='1") })), BearerFailure.InvalidSignature);
        Rejected("empty kid", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("kid", "")), _hostile)), BearerFailure.InvalidSignature);
        Rejected("kid as a number", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("kid", 1)), _hostile)), BearerFailure.Malformed);

        // typ: optional (RFC 7519; Okta and Cognito leave it out), but when present JWT or at+jwt;
        // crit: nothing is understood (RFC 7515 section 4.1.11).
        Accepted("typ at+jwt", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "at+jwt")))));
        Accepted("typ application/at+jwt", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "application/at+jwt")))));
        Accepted("typ Application/JWT", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "Application/JWT")))));
        Accepted("typ jwt in lowercase", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "jwt")))));
        Accepted("typ missing", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", null)))));
        Rejected("typ empty", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "")), _hostile)), BearerFailure.InvalidType);
        Rejected("typ as a number", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", 1)), _hostile)), BearerFailure.Malformed);
        Rejected("typ application/", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "application/")), _hostile)), BearerFailure.InvalidType);
        Rejected("typ missing, alg none", issuer => Bearer(issuer.CreateUnsignedToken(Header(("typ", null), ("alg", "none")), _hostile)), BearerFailure.InvalidAlgorithm);
        Rejected("typ dpop+jwt", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "dpop+jwt")), _hostile)), BearerFailure.InvalidType);
        Rejected("typ logout+jwt", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "logout+jwt")), _hostile)), BearerFailure.InvalidType);
        Rejected("typ JWE", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("typ", "JWE")), _hostile)), BearerFailure.InvalidType);
        Rejected("crit naming exp", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("crit", new[] { "exp" })), _hostile)), BearerFailure.CriticalHeader);
        Rejected("crit naming an unknown extension", issuer => Bearer(issuer.CreateTokenWithHeader(
            Header(("crit", new[] { "x-bank-approval" }), ("x-bank-approval", true)), _hostile)), BearerFailure.CriticalHeader);
        Rejected("crit empty", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("crit", Array.Empty<string>())), _hostile)), BearerFailure.CriticalHeader);
        Rejected("crit naming b64", issuer => Bearer(issuer.CreateTokenWithHeader(Header(("crit", new[] { "b64" }), ("b64", false)), _hostile)), BearerFailure.CriticalHeader);

        // Claims: exp required, nbf honoured with the 30 s skew, aud and iss exact.
        Accepted("expired 10 s ago, within the skew", issuer => Bearer(issuer.CreateToken(new() { NotBefore = TimeSpan.FromMinutes(-10), Lifetime = TimeSpan.FromSeconds(590) })));
        Rejected("expired 60 s ago, beyond the skew", issuer => Bearer(issuer.CreateToken(_hostile with { NotBefore = TimeSpan.FromMinutes(-10), Lifetime = TimeSpan.FromSeconds(540) })), BearerFailure.Expired);
        Accepted("nbf 10 s ahead, within the skew", issuer => Bearer(issuer.CreateToken(new() { NotBefore = TimeSpan.FromSeconds(10) })));
        Rejected("nbf 60 s ahead, beyond the skew", issuer => Bearer(issuer.CreateToken(_hostile with { NotBefore = TimeSpan.FromSeconds(60) })), BearerFailure.NotYetValid);
        Rejected("sub as an array", issuer => Bearer(issuer.CreateToken(_hostile with { Claims = new Dictionary<string, object> { ["sub"] = new[] { RejectedSubject, "auth0|hostile-second-7734" } } })), BearerFailure.MalformedClaim);
        Rejected("sub as an object", issuer => Bearer(issuer.CreateToken(_hostile with { Claims = new Dictionary<string, object> { ["sub"] = new Dictionary<string, string> { ["id"] = RejectedSubject } } })), BearerFailure.MalformedClaim);
        Rejected("exp as a string", issuer => Bearer(issuer.CreateToken(_hostile with { Lifetime = null, Claims = new Dictionary<string, object> { ["exp"] = "9999999999" } })), BearerFailure.NoExpiration);
        Rejected("empty aud", issuer => Bearer(issuer.CreateToken(_hostile with { Audience = "" })), BearerFailure.InvalidAudience);
        Rejected("aud in other case", issuer => Bearer(issuer.CreateToken(_hostile with { Audience = TestIssuer.Audience.ToUpperInvariant() })), BearerFailure.InvalidAudience);
        Rejected("aud with a trailing slash", issuer => Bearer(issuer.CreateToken(_hostile with { Audience = TestIssuer.Audience + "/" })), BearerFailure.InvalidAudience);
        Rejected("aud array without ours", issuer => Bearer(issuer.CreateToken(_hostile with
        {
            Audience = null,
            Claims = new Dictionary<string, object> { ["aud"] = new[] { "https://other/api", "https://third/api" } },
        })), BearerFailure.InvalidAudience);
        Rejected("no aud, client_id instead (client ids not configured)", issuer => Bearer(issuer.CreateToken(_hostile with
        {
            Audience = null,
            Claims = new Dictionary<string, object> { ["client_id"] = RejectedClient, ["token_use"] = "access" },
        })), BearerFailure.InvalidAudience);
        Rejected("token_use id (an ID token)", issuer => Bearer(issuer.CreateToken(_hostile with
        {
            Claims = new Dictionary<string, object> { ["token_use"] = "id" },
        })), BearerFailure.NotAccessToken);
        Rejected("token_use as an array", issuer => Bearer(issuer.CreateToken(_hostile with
        {
            Claims = new Dictionary<string, object> { ["token_use"] = new[] { "access" } },
        })), BearerFailure.NotAccessToken);
        Accepted("token_use access", issuer => Bearer(issuer.CreateToken(new() { Claims = new Dictionary<string, object> { ["token_use"] = "access" } })));
        Rejected("iss in other case", issuer => Bearer(issuer.CreateToken(_hostile with { Issuer = issuer.Issuer.ToUpperInvariant() })), BearerFailure.InvalidIssuer);
        Rejected("iss of another tenant", issuer => Bearer(issuer.CreateToken(_hostile with { Issuer = "https://evil-tenant.auth0.com/" })), BearerFailure.InvalidIssuer);

        // Scope claims of the wrong JSON type grant nothing.
        Forbidden("scope as a number", issuer => Bearer(issuer.CreateToken(new() { Claims = new Dictionary<string, object> { ["scope"] = 42 } })));
        Forbidden("scope as an object", issuer => Bearer(issuer.CreateToken(new() { Claims = new Dictionary<string, object> { ["scope"] = new Dictionary<string, string> { ["read:messages"] = "read:messages" } } })));
        Forbidden("scope as a boolean", issuer => Bearer(issuer.CreateToken(new() { Claims = new Dictionary<string, object> { ["scope"] = true } })));
        Forbidden("permissions as a string", issuer => Bearer(issuer.CreateToken(new() { Claims = new Dictionary<string, object> { ["permissions"] = "read:messages" } })));
        Forbidden("permissions nested in an array", issuer => Bearer(issuer.CreateToken(new() { Claims = new Dictionary<string, object> { ["permissions"] = new[] { new[] { "read:messages" } } } })));
        Forbidden("scopes separated by a tab", issuer => Bearer(issuer.CreateToken(new() { Scope = "read:messages\twrite:messages" })));
        Forbidden("scopes separated by a comma", issuer => Bearer(issuer.CreateToken(new() { Scope = "read:messages,write:messages" })));

        // Path variants: the route is found and closed, or not found; never served without a token.
        Rejected("trailing slash without token", _ => null, BearerFailure.HeaderMissing, Private + "/");
        Rejected("upper-case path without token", _ => null, BearerFailure.HeaderMissing, Private.ToUpperInvariant());
        Rejected("mixed-case scoped path without token", _ => null, BearerFailure.HeaderMissing, "/Api/Private-Scoped");
        Rejected("percent-encoded letter without token", _ => null, BearerFailure.HeaderMissing, "/api/%70rivate");
        Rejected("dot segment without token", _ => null, BearerFailure.HeaderMissing, "/api/./private");
        Rejected("parent segment from public without token", _ => null, BearerFailure.HeaderMissing, "/api/public/../private");
        Rejected("encoded dot segments without token", _ => null, BearerFailure.HeaderMissing, "/api/public/%2e%2e/private");
        Rejected("query on the scoped route without token", _ => null, BearerFailure.HeaderMissing, Scoped + "?scope=read:messages");
        NotFound("encoded slash without token", "/api%2Fprivate");
        NotFound("double slash without token", "/api//private");
        NotFound("matrix parameter without token", "/api/private;jsessionid=1");
        NotFound("extension without token", "/api/private.json");

        return cases;
    }

    private static string ValidInQuery(TestIssuer issuer) => "access_token=" + issuer.CreateToken(new() { Scope = "read:messages" });

    private static string[] Segments(TestIssuer issuer, TokenSpec? spec = null) => issuer.CreateToken(spec ?? _hostile).Split('.');

    private static string Encode(string text) => Base64UrlEncoder.Encode(text);

    /// <summary>The usual header (RS256, JWT, our kid) with entries set, or removed when null.</summary>
    private static Dictionary<string, object> Header(params (string Name, object? Value)[] entries)
    {
        var header = new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = TestIssuer.KeyId };
        foreach (var (name, value) in entries)
        {
            if (value is null)
            {
                header.Remove(name);
            }
            else
            {
                header[name] = value;
            }
        }

        return header;
    }

    private static string SignedWithRawHeader(TestIssuer issuer, string headerJson)
    {
        var signingInput = Encode(headerJson) + "." + Segments(issuer)[1];
        var signature = issuer.SigningKey.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private static string FlipInSignature(string token)
    {
        var index = token.LastIndexOf('.') + 5;
        var flipped = token[index] == 'A' ? 'B' : 'A';
        return token[..index] + flipped + token[(index + 1)..];
    }

    private static string AttackerCertificate(TestIssuer issuer)
    {
        var request = new CertificateRequest("CN=attacker", issuer.AttackerKey.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(certificate.RawData);
    }
}
