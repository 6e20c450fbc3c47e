using Microsoft.Extensions.Primitives;

namespace Messages.Api.Authentication;

/// <summary>Reads the access token from the Authorization header (RFC 6750 section 2.1).</summary>
internal static class BearerHeader
{
    /// <summary>
    /// The token of <c>Bearer &lt;token&gt;</c> (scheme case-insensitive, spaces between), as a view of the
    /// header's text (nothing is copied), or the reason there is none.
    /// </summary>
    public static bool TryRead(StringValues authorization, out ReadOnlySpan<char> token, out BearerFailure failure)
    {
        token = [];
        failure = BearerFailure.HeaderMissing;
        if (authorization.Count == 0)
        {
            return false;
        }

        if (authorization.Count > 1)
        {
            failure = BearerFailure.SeveralHeaders;
            return false;
        }

        // RFC 9110 section 5.5: whitespace around a field value is not part of it (Kestrel drops it too).
        var value = (authorization[0] ?? string.Empty).Trim(' ', '\t');
        // Refused before it is split or decoded: memory stays bounded whatever is sent.
        if (value.Length > BearerFailure.MaxTokenLength + "Bearer ".Length)
        {
            failure = BearerFailure.TooLarge;
            return false;
        }

        // Spans, not Split: on every authenticated request the token is the only string made.
        var text = value.AsSpan();
        var space = text.IndexOf(' ');
        var scheme = space < 0 ? text : text[..space];
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            failure = BearerFailure.NotBearer;
            return false;
        }

        var credentials = space < 0 ? [] : text[(space + 1)..].TrimStart(' ');
        if (credentials.IsEmpty || credentials.Contains(' '))
        {
            failure = credentials.IsEmpty ? BearerFailure.TokenMissing : BearerFailure.NotOneToken;
            return false;
        }

        token = credentials;
        return true;
    }
}
