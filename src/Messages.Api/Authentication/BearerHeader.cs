using Microsoft.Extensions.Primitives;

namespace Messages.Api.Authentication;

/// <summary>Reads the access token from the Authorization header (RFC 6750 section 2.1).</summary>
internal static class BearerHeader
{
    /// <summary>
    /// The token of <c>Bearer &lt;token&gt;</c> (scheme case-insensitive, spaces between), or the reason there is none.
    /// </summary>
    public static bool TryRead(StringValues authorization, out string token, out BearerFailure failure)
    {
        token = string.Empty;
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

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            failure = BearerFailure.NotBearer;
            return false;
        }

        if (parts.Length != 2)
        {
            failure = parts.Length == 1 ? BearerFailure.TokenMissing : BearerFailure.NotOneToken;
            return false;
        }

        token = parts[1];
        return true;
    }
}
