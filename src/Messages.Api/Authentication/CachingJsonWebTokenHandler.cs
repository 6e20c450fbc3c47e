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

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);

        // The issuer's current keys, as the full validation would get them; cached, so this completes
        // at once unless a refresh is due, in which case the full path waits for it as it would anyway.
        var configuration = validationParameters.ConfigurationManager?.GetBaseConfigurationAsync(CancellationToken.None);
        if (configuration is null || configuration.IsCompletedSuccessfully)
        {
            if (_cache.TryGet(token, validationParameters, configuration?.Result, out var cached))
            {
                return Task.FromResult(cached);
            }
        }

        return ValidateAndRememberAsync(token, validationParameters);
    }

    private async Task<TokenValidationResult> ValidateAndRememberAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters);
        _cache.Add(token, result);
        return result;
    }
}
