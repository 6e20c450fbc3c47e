using Messages.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Messages.Api.Tests.Providers;

/// <summary>
/// Interoperability with a real, certified OpenID Provider rather than our own test issuer: tokens
/// from oidc-provider's token endpoint (client credentials, resource indicator), keys from its
/// discovery and JWKS, validated by the API's real JwtBearer setup.
/// </summary>
public sealed class OidcProviderInteropTests
{
    [OidcProviderFact]
    public async Task Get_TokensFromOidcProvider_AnswerTheQuickstartRoutes()
    {
        await using var provider = await OidcProviderProcess.StartAsync();
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>
        {
            ["Auth0:Authority"] = provider.Issuer,
            ["Auth0:Audience"] = TestIssuer.Audience,
            ["Auth0:RequireHttpsMetadata"] = "false",
        });
        var withScope = await provider.GetAccessTokenAsync("read:messages");
        var withoutScope = await provider.GetAccessTokenAsync(scope: null);

        var scoped = await AnswersAsync(api, AuthMatrix.Bearer(withScope));
        var unscoped = await AnswersAsync(api, AuthMatrix.Bearer(withoutScope));
        var anonymous = await AnswersAsync(api, authorization: null);

        Assert.Equal(("at+jwt", provider.Issuer, TestIssuer.Audience), Describe(withScope));
        Assert.Equal([200, 200, 200], scoped);
        Assert.Equal([200, 200, 403], unscoped);
        Assert.Equal([200, 401, 401], anonymous);
    }

    private static async Task<int[]> AnswersAsync(ApiFactory api, string? authorization) =>
    [
        (await api.GetAsync(AuthMatrix.Public, authorization)).Status,
        (await api.GetAsync(AuthMatrix.Private, authorization)).Status,
        (await api.GetAsync(AuthMatrix.Scoped, authorization)).Status,
    ];

    private static (string Type, string Issuer, string Audience) Describe(string token)
    {
        var parsed = new JsonWebToken(token);
        return (parsed.Typ, parsed.Issuer, parsed.Audiences.Single());
    }
}
