using System.Diagnostics;
using Messages.Api.Authentication;
using Messages.Api.Logging;
using Messages.Api.Observability;
using Messages.Features.Authorization;
using Microsoft.Net.Http.Headers;

namespace Messages.Api.Errors;

/// <summary>
/// Turns an <see cref="AuthError"/> into its response (401 or 403 problem+json with the quickstart's
/// <c>code</c> and an RFC 6750 <c>WWW-Authenticate</c>), its one denial log event, and the
/// <see cref="AuthDenial"/> that the completion event and the outcome counter report.
/// </summary>
internal sealed class AuthProblemWriter(IProblemDetailsService problems, ILogger<AuthProblemWriter> logger)
{
    private const string InsufficientScope = "insufficient_scope";
    private const string RetryAfterSeconds = "5";

    public ValueTask<bool> TryWriteAsync(HttpContext httpContext, AuthError error)
    {
        var traceId = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
        var requiredScope = error.RequiredScopes.Count == 0 ? null : string.Join(' ', error.RequiredScopes);
        string code, detail;
        string? challenge;
        if (error.Kind == AuthErrorKind.Forbidden)
        {
            code = InsufficientScope;
            detail = $"The access token does not grant the scope this request needs: {requiredScope}.";
            challenge = $"Bearer error=\"{InsufficientScope}\", error_description=\"{detail}\", scope=\"{requiredScope}\"";
            httpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            httpContext.Features.Set(new AuthDenial(RequestFacts.Forbidden, code, requiredScope));
            LogEvents.AuthorizationDenied(logger, error.RequestName, RequestFacts.Forbidden, code, requiredScope,
                error.Subject, RequestFacts.ClientId(httpContext), traceId);
        }
        else
        {
            var failure = httpContext.Features.Get<BearerFailure>() ?? BearerFailure.HeaderMissing;
            code = failure.Code;
            detail = failure.Description;
            challenge = failure.TokenPresented
                ? $"Bearer error=\"invalid_token\", error_description=\"{detail}\""
                : "Bearer";
            httpContext.Response.StatusCode = failure.Status;
            if (failure == BearerFailure.IssuerUnavailable)
            {
                // Not a challenge: the token may be fine. Retry-After spaces out the clients' retries.
                challenge = null;
                httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds;
                httpContext.Features.Set(new AuthDenial(RequestFacts.Unavailable, code, requiredScope));
                LogEvents.RequestUnavailable(logger, error.RequestName, RequestFacts.Unavailable, code, requiredScope, traceId);
            }
            else
            {
                httpContext.Features.Set(new AuthDenial(RequestFacts.Unauthenticated, code, requiredScope));
                LogEvents.AuthenticationFailed(logger, error.RequestName, RequestFacts.Unauthenticated, code, requiredScope, traceId);
            }
        }

        if (challenge is not null)
        {
            httpContext.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        }

        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = error,
            ProblemDetails =
            {
                Status = httpContext.Response.StatusCode,
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }
}
