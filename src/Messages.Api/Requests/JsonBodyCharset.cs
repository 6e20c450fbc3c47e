using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Messages.Api.Requests;

internal static class JsonBodyCharset
{
    /// <summary>
    /// A JSON body is UTF-8 (RFC 8259). Any other charset on an endpoint that reads a body is refused
    /// with 415 before binding, where an unknown one (foo, utf-7, windows-1252, empty) would throw and
    /// answer 500 with the caller's text in the log. Nothing of the charset is logged.
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

        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        return Task.CompletedTask;
    });
}
