using System.Security.Claims;
using Messages.Api.Errors;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// JwtBearer hooks: our own header parsing (so every failure has a precise reason) and the reason of
/// a rejected token for the 401 (or 503) response. Scope claim shapes are enforced by
/// <see cref="AccessTokenHandler"/>, once per validation rather than once per request.
/// </summary>
internal sealed class BearerEvents(AuthProblemWriter problems, IssuerKeys issuerKeys, ValidatedTokenCache cache)
    : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        if (BearerHeader.TryRead(context.Request.Headers.Authorization, out var token, out var failure))
        {
            // A token validated before (and still within its exp, the cache's lifetime and the issuer's
            // current keys) is answered here, before JwtBearer copies its validation parameters, and
            // from the header's own text: the token is copied out of it only to be validated in full.
            if (cache.TryGet(token, static options => CurrentKeys(options), context.Options, out var hit))
            {
                context.Principal = new ClaimsPrincipal(hit.Identity);
                context.HttpContext.Features.Set(hit.Claims);
                context.Properties = hit.NewTicketProperties();
                context.Success();
                return Task.CompletedTask;
            }

            context.Token = token.ToString();
            return Task.CompletedTask;
        }

        context.HttpContext.Features.Set(failure);
        if (failure.TokenPresented)
        {
            context.Fail(failure.Description);
        }
        else
        {
            context.NoResult();
        }

        return Task.CompletedTask;
    }

    // JwtBearer takes IssuedUtc from nbf (DateTime.MinValue when absent); both paths take it from iat instead.
    public override Task TokenValidated(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken token)
        {
            context.Properties.IssuedUtc = TokenTimes.IssuedUtc(token);
            context.Properties.ExpiresUtc = TokenTimes.ExpiresUtc(token);
        }

        return Task.CompletedTask;
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        var failure = BearerFailure.From(context.Exception);
        // IdentityModel reports a disallowed algorithm (none, HS256, RS384...) as a bad signature;
        // the header says which it is. Read only on this failure path, never for a valid token.
        if (failure == BearerFailure.InvalidSignature && HasDisallowedAlgorithm(context))
        {
            failure = BearerFailure.InvalidAlgorithm;
        }
        // Without keys no signature can be checked: the answer is "not now", not "bad token". A
        // configuration manager that throws (rather than validating against no keys) says the same.
        // With no issuer configured at all (Development), there is nothing to wait for: 401.
        else if ((failure == BearerFailure.InvalidSignature || context.Exception is InvalidOperationException)
            && context.Options.ConfigurationManager is not null && !issuerKeys.Obtained)
        {
            failure = BearerFailure.IssuerUnavailable;
        }

        context.HttpContext.Features.Set(failure);
        // Without a result JwtBearer rethrows what it did not expect (an issuer that cannot be reached
        // on a cold start), and the caller would get a 500.
        context.Fail(context.Exception);
        return Task.CompletedTask;
    }

    // Reached only for endpoints outside the mediator pipeline, through the fallback policy.
    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var requestName = context.HttpContext.GetEndpoint()?.DisplayName ?? "endpoint";
        await problems.TryWriteAsync(context.HttpContext, AuthError.Unauthenticated(requestName, []));
    }

    // The keys the full validation would use: the configuration manager's, already fetched (an entry
    // exists only after a successful validation), so this completes at once. While a refresh is under
    // way it does not, and the token is validated in full, waiting for the refresh as it would anyway.
    private static IEnumerable<SecurityKey>? CurrentKeys(JwtBearerOptions options)
    {
        var configuration = options.ConfigurationManager?.GetConfigurationAsync(CancellationToken.None);
        var staticKeys = options.TokenValidationParameters.IssuerSigningKeys;
        return configuration is { IsCompletedSuccessfully: true } ? configuration.Result.SigningKeys : staticKeys;
    }

    // Only the header is read: a forged token's payload and signature are never decoded a second time.
    private static bool HasDisallowedAlgorithm(AuthenticationFailedContext context) =>
        BearerHeader.TryRead(context.Request.Headers.Authorization, out var raw, out _)
        && TokenHeader.TryReadAlgorithm(raw, out var algorithm)
        && context.Options.TokenValidationParameters.ValidAlgorithms is { } allowed
        && (algorithm is null || !allowed.Contains(algorithm, StringComparer.Ordinal));
}
