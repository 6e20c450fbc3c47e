using Messages.Api.Logging;
using Messages.Api.Observability;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Diagnostics;

namespace Messages.Api.Errors;

/// <summary>The one place where exceptions become HTTP responses, all of them problem+json.</summary>
internal sealed class ProblemDetailsExceptionHandler(
    AuthProblemWriter authProblems,
    IProblemDetailsService problems,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            AuthError error => authProblems.TryWriteAsync(httpContext, error),
            BadHttpRequestException badRequest => WriteAsync(httpContext, exception, badRequest.StatusCode, "The request could not be read."),
            _ => WriteUnexpectedAsync(httpContext, exception),
        };

    private ValueTask<bool> WriteUnexpectedAsync(HttpContext httpContext, Exception exception)
    {
        LogEvents.UnhandledException(logger, exception, httpContext.Request.Method, RequestFacts.Route(httpContext));
        return WriteAsync(httpContext, exception, StatusCodes.Status500InternalServerError, "An unexpected error occurred.");
    }

    private ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, int status, string detail)
    {
        httpContext.Response.StatusCode = status;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }
}
