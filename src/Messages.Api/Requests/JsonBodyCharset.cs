using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Messages.Api.Requests;

internal static class JsonBodyCharset
{
    public const string Code = "unsupported_charset";

    /// <summary>
    /// A JSON body is UTF-8 (RFC 8259). Any other charset on an endpoint that reads a body is refused
    /// with 415 before binding, where an unknown one (foo, utf-7, windows-1252, empty) would throw and
    /// answer 500 with the caller's text in the log. Nothing of the charset is logged nor echoed.
    /// </summary>
    public static IApplicationBuilder UseJsonBodyCharset(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is null
            || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.Charset.HasValue
            || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        // charset="utf-8" is the same parameter (RFC 9110 section 5.6.6), but the JSON reader looks the
        // quoted text up as an encoding name and throws: pass it on unquoted.
        if (HeaderUtilities.RemoveQuotes(mediaType.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            mediaType.Charset = "utf-8";
            context.Request.ContentType = mediaType.ToString();
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Detail = "A JSON body must be UTF-8: send charset=utf-8 or no charset.",
                Extensions = { ["code"] = Code },
            },
        }).AsTask();
    });
}
