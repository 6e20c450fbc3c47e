using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>JwtBearer's token handler with <see cref="ValidatedTokenCache"/> in front of the full validation.</summary>
internal sealed class CachingJsonWebTokenHandler : JsonWebTokenHandler
{
    private readonly ValidatedTokenCache _cache;

    public CachingJsonWebTokenHandler(ValidatedTokenCache cache)
    {
        _cache = cache;
        MapInboundClaims = false;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
        _cache.TryGet(token, validationParameters, out var cached)
            ? Task.FromResult(cached)
            : ValidateAndRememberAsync(token, validationParameters);

    private async Task<TokenValidationResult> ValidateAndRememberAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters);
        _cache.Add(token, result);
        return result;
    }
}
