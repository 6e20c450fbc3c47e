using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Messages.Api.Logging;
using Messages.Api.Observability;
using Messages.Features.Authorization;
using Messages.Features.Errors;
using Messages.Features.Idempotency;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

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
            ValidationException invalid => WriteValidationAsync(httpContext, invalid),
            ResourceError { Kind: ResourceErrorKind.NotFound } error => WriteAsync(httpContext, error, StatusCodes.Status404NotFound, error.Message, error.Code),
            ResourceError error => WriteAsync(httpContext, error, StatusCodes.Status403Forbidden, error.Message, error.Code),
            IdempotencyError error => WriteIdempotencyAsync(httpContext, error),
            BadHttpRequestException badRequest => WriteAsync(httpContext, exception, badRequest.StatusCode, "The request could not be read."),
            _ => WriteUnexpectedAsync(httpContext, exception),
        };

    private ValueTask<bool> WriteUnexpectedAsync(HttpContext httpContext, Exception exception)
    {
        LogEvents.UnhandledException(logger, exception, httpContext.Request.Method, RequestFacts.Route(httpContext));
        return WriteAsync(httpContext, exception, StatusCodes.Status500InternalServerError, "An unexpected error occurred.");
    }

    private ValueTask<bool> WriteIdempotencyAsync(HttpContext httpContext, IdempotencyError error)
    {
        if (error.Kind == IdempotencyErrorKind.InProgress)
        {
            httpContext.Response.Headers.RetryAfter = ((int)IdempotencyError.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return WriteAsync(httpContext, error, StatusCodes.Status409Conflict, error.Message, error.Code);
        }

        return WriteAsync(httpContext, error, StatusCodes.Status422UnprocessableEntity, error.Message, error.Code);
    }

    // Keys are the JSON or route field names (text, id, limit, cursor); messages are the validators' fixed texts.
    private ValueTask<bool> WriteValidationAsync(HttpContext httpContext, ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(failure => JsonNamingPolicy.CamelCase.ConvertName(failure.PropertyName), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
        return WriteAsync(httpContext, exception, new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = "One or more fields are invalid.",
            Extensions = { ["code"] = "validation_failed" },
        });
    }

    private ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, int status, string detail, string? code = null)
    {
        var problem = new ProblemDetails { Status = status, Detail = detail };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        return WriteAsync(httpContext, exception, problem);
    }

    private ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, ProblemDetails problem)
    {
        httpContext.Response.StatusCode = problem.Status!.Value;
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
