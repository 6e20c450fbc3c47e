using Messages.Features.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// JwtBearer's token handler: the full validation, then the scope claims' shapes enforced once
/// (<see cref="ScopeClaimShapes"/>), with <see cref="ValidatedTokenCache"/> in front so that a token
/// seen before costs a hash and a lookup.
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

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
        _cache.TryGet(token, validationParameters, CurrentConfiguration, out var cached)
            ? Task.FromResult(cached)
            : ValidateAndRememberAsync(token, validationParameters);

    // The issuer's keys as the full validation would get them. Asked only for a token validated before,
    // so the configuration is already fetched and this completes at once; while a refresh is under way
    // the entry is not used and the full path waits for the refresh as it would anyway.
    private static BaseConfiguration? CurrentConfiguration(TokenValidationParameters parameters)
    {
        var configuration = parameters.ConfigurationManager?.GetBaseConfigurationAsync(CancellationToken.None);
        return configuration is { IsCompletedSuccessfully: true } ? configuration.Result : null;
    }

    private async Task<TokenValidationResult> ValidateAndRememberAsync(string token, TokenValidationParameters validationParameters)
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
