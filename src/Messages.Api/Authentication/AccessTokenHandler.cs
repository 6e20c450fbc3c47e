using Messages.Features.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// JwtBearer's token handler: the full validation, then the scope claims' shapes enforced once
/// (<see cref="ScopeClaimShapes"/>), and the result remembered in <see cref="ValidatedTokenCache"/>,
/// which <see cref="BearerEvents"/> consults before JwtBearer sets up a validation at all.
/// </summary>
internal sealed class AccessTokenHandler : JsonWebTokenHandler
{
    private readonly ValidatedTokenCache _cache;
    private readonly ScopeClaimOptions _scopeClaims;

    public AccessTokenHandler(ValidatedTokenCache cache, ScopeClaimOptions scopeClaims)
    {
        _cache = cache;
        _scopeClaims = scopeClaims;
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, SecurityToken: JsonWebToken validated, ClaimsIdentity: { } identity })
        {
            ScopeClaimShapes.Enforce(validated, identity, _scopeClaims);
            _cache.Add(token, result);
        }

        return result;
    }
}
