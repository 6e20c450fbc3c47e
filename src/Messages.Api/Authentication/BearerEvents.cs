using System.Security.Claims;
using Messages.Api.Errors;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Messages.Api.Authentication;

/// <summary>
/// JwtBearer hooks: our own header parsing (so every failure has a precise reason), the reason of a
/// rejected token for the 401 response, and scope claims trusted only in their standard JSON shape.
/// </summary>
internal sealed class BearerEvents(IOptions<ScopeClaimOptions> scopeClaims, AuthProblemWriter problems, IssuerKeys issuerKeys)
    : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        if (BearerHeader.TryRead(context.Request.Headers.Authorization, out var token, out var failure))
        {
            context.Token = token;
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

    public override Task TokenValidated(TokenValidatedContext context)
    {
        // A JSON array expands to claims just like a string does; a scope claim that is not a
        // JSON string is not an OAuth scope list, so it must grant nothing.
        if (context.SecurityToken is JsonWebToken token && context.Principal?.Identity is ClaimsIdentity identity)
        {
            foreach (var claimType in scopeClaims.Value.ScopeClaims)
            {
                if (token.TryGetPayloadValue<object>(claimType, out var value) && value is not string)
                {
                    RemoveClaims(identity, claimType);
                }
            }

            // Likewise a permissions claim must be an array: a bare string is not Auth0's RBAC shape.
            foreach (var claimType in scopeClaims.Value.PermissionClaims)
            {
                if (token.TryGetPayloadValue<object>(claimType, out var value) && value is string)
                {
                    RemoveClaims(identity, claimType);
                }
            }
        }

        return Task.CompletedTask;
    }

    // Reached only for endpoints outside the mediator pipeline, through the fallback policy.
    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var requestName = context.HttpContext.GetEndpoint()?.DisplayName ?? "endpoint";
        await problems.TryWriteAsync(context.HttpContext, AuthError.Unauthenticated(requestName, []));
    }

    private static bool HasDisallowedAlgorithm(AuthenticationFailedContext context)
    {
        if (!BearerHeader.TryRead(context.Request.Headers.Authorization, out var raw, out _))
        {
            return false;
        }

        try
        {
            var algorithm = new JsonWebToken(raw).Alg;
            return context.Options.TokenValidationParameters.ValidAlgorithms?.Contains(algorithm, StringComparer.Ordinal) == false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void RemoveClaims(ClaimsIdentity identity, string claimType)
    {
        foreach (var claim in identity.Claims.Where(claim => claim.Type == claimType).ToList())
        {
            identity.TryRemoveClaim(claim);
        }
    }
}
