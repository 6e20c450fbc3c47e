using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Providers;

/// <summary>
/// The providers of the README's Providers section. Their tokens follow each provider's documented
/// access-token format: which headers (typ or none), which audience claim, where scopes are, and the
/// form of iss; values such as ids are examples.
/// </summary>
public static class ProviderProfiles
{
    public const string ReadScope = "read:messages";

    private const string EntraTenant = "11111111-2222-3333-4444-555555555555";
    private const string EntraApiClientId = "66666666-7777-8888-9999-000000000000";
    private const string CognitoClientId = "1example23456789abcdefghij";

    public static readonly IReadOnlyList<ProviderProfile> All =
    [
        Auth0(),
        Okta(),
        EntraId(),
        Keycloak(),
        Cognito(),
    ];

    public static ProviderProfile Named(string name) => All.Single(profile => profile.Name == name);

    public static TheoryData<string> Names() => new(All.Select(profile => profile.Name));

    // Auth0: typ JWT; aud the API identifier (an array with userinfo for a user's token); scopes in
    // scope and, with RBAC, in permissions; iss https://{tenant}/.
    private static ProviderProfile Auth0() => new(
        "Auth0",
        new Dictionary<string, string>
        {
            ["Auth0__Domain"] = "your-tenant.auth0.com",
            ["Auth0__Audience"] = "https://quickstarts/api",
        },
        [
            new("machine to machine (scope)", (issuer, granted) => Token(issuer, typ: "JWT", new()
            {
                ["sub"] = "m2m-client-id@clients",
                ["aud"] = "https://quickstarts/api",
                ["azp"] = "m2m-client-id",
                ["gty"] = "client-credentials",
                ["scope"] = granted ? ReadScope : "write:messages",
            })),
            new("user with RBAC (permissions)", (issuer, granted) => Token(issuer, typ: "JWT", new()
            {
                ["sub"] = "auth0|alice",
                ["aud"] = new[] { "https://quickstarts/api", issuer.Issuer + "userinfo" },
                ["azp"] = "spa-client-id",
                ["scope"] = "openid profile email",
                ["permissions"] = granted ? new[] { ReadScope } : Array.Empty<string>(),
            })),
        ],
        [
            new("a token for another API", issuer => Token(issuer, typ: "JWT", new()
            {
                ["sub"] = "auth0|alice",
                ["aud"] = "https://other/api",
                ["scope"] = ReadScope,
            }), 401, "invalid_audience"),
            new("an ID token (aud is the client)", issuer => Token(issuer, typ: "JWT", new()
            {
                ["sub"] = "auth0|alice",
                ["aud"] = "spa-client-id",
                ["nonce"] = "n-0S6_WzA2Mj",
            }), 401, "invalid_audience"),
        ]);

    // Okta (custom authorization server): no typ; aud api://default; scopes in scp, a JSON array;
    // the client in cid; iss https://{domain}/oauth2/default.
    private static ProviderProfile Okta() => new(
        "Okta",
        new Dictionary<string, string>
        {
            ["Auth0__Authority"] = "https://dev-123456.okta.com/oauth2/default",
            ["Auth0__Audience"] = "api://default",
            ["Authorization__PermissionClaims__0"] = "scp",
        },
        [
            new("client credentials", (issuer, granted) => Token(issuer, typ: null, new()
            {
                ["ver"] = 1,
                ["jti"] = "AT.6dUzh9KvuCuqMU1L-CaCSU3Q6wv-AVMzjCxaJF7jqjM",
                ["sub"] = "0oa1b2c3d4e5f6g7h8i9",
                ["aud"] = "api://default",
                ["cid"] = "0oa1b2c3d4e5f6g7h8i9",
                ["scp"] = granted ? new[] { ReadScope } : ["write:messages"],
            })),
            new("user", (issuer, granted) => Token(issuer, typ: null, new()
            {
                ["ver"] = 1,
                ["sub"] = "alice@example.com",
                ["uid"] = "00u1a2b3c4d5e6f7g8h9",
                ["aud"] = "api://default",
                ["cid"] = "0oa9z8y7x6w5v4u3t2s1",
                ["scp"] = granted ? new[] { "openid", "profile", ReadScope } : ["openid", "profile"],
            })),
        ],
        [
            new("a token for another audience", issuer => Token(issuer, typ: null, new()
            {
                ["sub"] = "0oa1b2c3d4e5f6g7h8i9",
                ["aud"] = "api://other",
                ["scp"] = new[] { ReadScope },
            }), 401, "invalid_audience"),
            new("a token of the org authorization server", issuer => Token(issuer, typ: null, new()
            {
                ["iss"] = issuer.Issuer.Replace("/oauth2/default", string.Empty, StringComparison.Ordinal),
                ["sub"] = "0oa1b2c3d4e5f6g7h8i9",
                ["aud"] = "api://default",
                ["scp"] = new[] { ReadScope },
            }), 401, "invalid_issuer"),
            new("scp as a string (not Okta's shape)", issuer => Token(issuer, typ: null, new()
            {
                ["sub"] = "0oa1b2c3d4e5f6g7h8i9",
                ["aud"] = "api://default",
                ["scp"] = ReadScope,
            }), 403, "insufficient_scope", AuthMatrix.Scoped),
        ]);

    // Microsoft Entra ID (v2 access tokens): typ JWT; aud the API's client id; delegated scopes in
    // scp, a space-delimited string; application permissions (app roles) in roles, an array;
    // iss https://login.microsoftonline.com/{tenant}/v2.0.
    private static ProviderProfile EntraId() => new(
        "Microsoft Entra ID",
        new Dictionary<string, string>
        {
            ["Auth0__Authority"] = $"https://login.microsoftonline.com/{EntraTenant}/v2.0",
            ["Auth0__Audience"] = EntraApiClientId,
            ["Authorization__ScopeClaims__0"] = "scp",
            ["Authorization__PermissionClaims__0"] = "roles",
        },
        [
            new("user (delegated scp)", (issuer, granted) => Token(issuer, typ: "JWT", new()
            {
                ["aud"] = EntraApiClientId,
                ["azp"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                ["azpacr"] = "0",
                ["name"] = "Alice",
                ["oid"] = "00000000-1111-2222-3333-444444444444",
                ["preferred_username"] = "alice@contoso.example",
                ["scp"] = granted ? $"{ReadScope} write:messages" : "write:messages",
                ["sub"] = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
                ["tid"] = EntraTenant,
                ["ver"] = "2.0",
            }, header: ("x5t", "nOo3ZDrODXEK1jKWhXslHR_KXEg"))),
            new("application (roles)", (issuer, granted) => Token(issuer, typ: "JWT", new()
            {
                ["aud"] = EntraApiClientId,
                ["azp"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                ["idtyp"] = "app",
                ["oid"] = "99999999-8888-7777-6666-555555555555",
                ["roles"] = granted ? new[] { ReadScope } : ["write:messages"],
                ["sub"] = "99999999-8888-7777-6666-555555555555",
                ["tid"] = EntraTenant,
                ["ver"] = "2.0",
            }, header: ("x5t", "nOo3ZDrODXEK1jKWhXslHR_KXEg"))),
        ],
        [
            new("a v1 token (sts.windows.net issuer)", issuer => Token(issuer, typ: "JWT", new()
            {
                ["iss"] = $"https://sts.windows.net/{EntraTenant}/",
                ["aud"] = EntraApiClientId,
                ["scp"] = ReadScope,
                ["ver"] = "1.0",
            }), 401, "invalid_issuer"),
            new("a token for Microsoft Graph", issuer => Token(issuer, typ: "JWT", new()
            {
                ["aud"] = "00000003-0000-0000-c000-000000000000",
                ["scp"] = ReadScope,
                ["ver"] = "2.0",
            }), 401, "invalid_audience"),
            new("scp as an array (not Entra's shape)", issuer => Token(issuer, typ: "JWT", new()
            {
                ["aud"] = EntraApiClientId,
                ["scp"] = new[] { ReadScope },
                ["ver"] = "2.0",
            }), 403, "insufficient_scope", AuthMatrix.Scoped),
        ]);

    // Keycloak: typ JWT; aud only what an audience mapper adds (besides "account"); scopes in scope,
    // a string; payload typ Bearer; iss https://{host}/realms/{realm}.
    private static ProviderProfile Keycloak() => new(
        "Keycloak",
        new Dictionary<string, string>
        {
            ["Auth0__Authority"] = "https://keycloak.example.com/realms/messages",
            ["Auth0__Audience"] = "messages-api",
        },
        [
            new("user, with the audience mapper", (issuer, granted) => Token(issuer, typ: "JWT", new()
            {
                ["jti"] = "onrtac:3f1c2b9a-6d3e-4c1e-9f7a-2b8d5e6f7a8b",
                ["aud"] = new[] { "messages-api", "account" },
                ["sub"] = "f3b8a1d2-4c5e-4f6a-8b7c-9d0e1f2a3b4c",
                ["typ"] = "Bearer",
                ["azp"] = "messages-web",
                ["sid"] = "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f",
                ["scope"] = granted ? $"openid profile email {ReadScope}" : "openid profile email",
                ["preferred_username"] = "alice",
                ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "offline_access", "uma_authorization" } },
            })),
        ],
        [
            new("a token without the audience mapper", issuer => Token(issuer, typ: "JWT", new()
            {
                ["aud"] = "account",
                ["sub"] = "f3b8a1d2-4c5e-4f6a-8b7c-9d0e1f2a3b4c",
                ["typ"] = "Bearer",
                ["azp"] = "messages-web",
                ["scope"] = $"openid {ReadScope}",
            }), 401, "invalid_audience"),
            new("an ID token", issuer => Token(issuer, typ: "JWT", new()
            {
                ["aud"] = "messages-web",
                ["sub"] = "f3b8a1d2-4c5e-4f6a-8b7c-9d0e1f2a3b4c",
                ["typ"] = "ID",
                ["azp"] = "messages-web",
            }), 401, "invalid_audience"),
        ]);

    // AWS Cognito: no typ; no aud in access tokens but client_id and token_use "access"; custom
    // scopes as "{resource server identifier}/{name}" in scope, a string;
    // iss https://cognito-idp.{region}.amazonaws.com/{user pool id}.
    private static ProviderProfile Cognito() => new(
        "AWS Cognito",
        new Dictionary<string, string>
        {
            ["Auth0__Authority"] = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
            ["Auth0__ClientIds__0"] = CognitoClientId,
            ["Authorization__ScopePrefix"] = "https://quickstarts/api/",
        },
        [
            new("client credentials", (issuer, granted) => Token(issuer, typ: null, new()
            {
                ["sub"] = CognitoClientId,
                ["token_use"] = "access",
                ["scope"] = granted ? "https://quickstarts/api/read:messages" : "https://quickstarts/api/write:messages",
                ["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["version"] = 2,
                ["jti"] = "6f1d3c2b-9a8e-4d7c-b6a5-f4e3d2c1b0a9",
                ["client_id"] = CognitoClientId,
            })),
            new("user (authorization code)", (issuer, granted) => Token(issuer, typ: null, new()
            {
                ["sub"] = "a1b2c3d4-0000-1111-2222-333344445555",
                ["cognito:groups"] = new[] { "editors" },
                ["token_use"] = "access",
                ["scope"] = granted ? "openid email https://quickstarts/api/read:messages" : "openid email",
                ["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["origin_jti"] = "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d",
                ["event_id"] = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
                ["username"] = "alice",
                ["client_id"] = CognitoClientId,
            })),
        ],
        [
            new("an ID token (aud is the client, token_use id)", issuer => Token(issuer, typ: null, new()
            {
                ["sub"] = "a1b2c3d4-0000-1111-2222-333344445555",
                ["aud"] = CognitoClientId,
                ["token_use"] = "id",
                ["email"] = "alice@example.com",
                ["cognito:username"] = "alice",
            }), 401, "invalid_audience"),
            new("token_use id without aud", issuer => Token(issuer, typ: null, new()
            {
                ["sub"] = "a1b2c3d4-0000-1111-2222-333344445555",
                ["token_use"] = "id",
                ["client_id"] = CognitoClientId,
            }), 401, "invalid_claims"),
            new("an access token of another app client", issuer => Token(issuer, typ: null, new()
            {
                ["sub"] = "a1b2c3d4-0000-1111-2222-333344445555",
                ["token_use"] = "access",
                ["scope"] = "https://quickstarts/api/read:messages",
                ["client_id"] = "9other0client1id2",
            }), 401, "invalid_audience"),
            new("client_id as an array", issuer => Token(issuer, typ: null, new()
            {
                ["sub"] = "a1b2c3d4-0000-1111-2222-333344445555",
                ["token_use"] = "access",
                ["client_id"] = new[] { CognitoClientId },
            }), 401, "invalid_audience"),
            new("the scope without its resource server prefix", issuer => Token(issuer, typ: null, new()
            {
                ["sub"] = CognitoClientId,
                ["token_use"] = "access",
                ["scope"] = ReadScope,
                ["client_id"] = CognitoClientId,
            }), 403, "insufficient_scope", AuthMatrix.Scoped),
        ]);

    /// <summary>
    /// A token with the provider's header (alg RS256, kid, typ when the provider writes one) and exactly
    /// <paramref name="claims"/> besides iss (the test issuer's unless given), iat, nbf and exp.
    /// </summary>
    private static string Token(TestIssuer issuer, string? typ, Dictionary<string, object> claims, (string Name, string Value)? header = null)
    {
        var headerValues = new Dictionary<string, object> { ["alg"] = "RS256", ["kid"] = TestIssuer.KeyId };
        if (typ is not null)
        {
            headerValues["typ"] = typ;
        }

        if (header is { } extra)
        {
            headerValues[extra.Name] = extra.Value;
        }

        var subject = claims.Remove("sub", out var sub) ? (string)sub : "unused";
        var spec = new TokenSpec { Subject = subject, Audience = null, Issuer = claims.Remove("iss", out var iss) ? (string)iss : null, Claims = claims };
        return issuer.CreateTokenWithHeader(headerValues, spec);
    }
}
