using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Messages.Api.Authentication;

/// <summary>
/// Reads the algorithm of a compact JWS from its protected header alone: the first segment is
/// base64url-decoded on the stack and scanned, so a forged token costs a few hundred bytes of work
/// whatever its payload and signature carry.
/// </summary>
internal static class TokenHeader
{
    /// <summary>A real header is about 100 characters; anything longer is not read (and not a real token).</summary>
    public const int MaxEncodedLength = 2048;

    /// <summary>
    /// The <c>alg</c> of <paramref name="token"/>'s header: null when the header has none, or names
    /// more than one (both refused as a disallowed algorithm). False when there is no readable header.
    /// </summary>
    public static bool TryReadAlgorithm(ReadOnlySpan<char> token, out string? algorithm)
    {
        algorithm = null;
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot > MaxEncodedLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[Base64Url.GetMaxDecodedLength(MaxEncodedLength)];
        if (Base64Url.DecodeFromChars(token[..dot], header, out _, out var length) != OperationStatus.Done)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(header[..length], new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAlgorithm = reader.ValueTextEquals("alg"u8);
                reader.Read();
                if (isAlgorithm)
                {
                    seen++;
                    algorithm = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            if (seen > 1)
            {
                algorithm = null;
            }

            return true;
        }
        catch (JsonException)
        {
            algorithm = null;
            return false;
        }
    }
}
