using FluentValidation;

namespace Messages.Features.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> field (IETF httpapi draft "The Idempotency-Key HTTP Header Field"): a
/// structured-field string such as <c>"8e03978e-40d5-43e8-bc93-6894a57f9324"</c>, or the same text
/// unquoted as many clients send it. The key is 1 to <see cref="MaxLength"/> printable ASCII characters.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>The key a header value carries; false when the value is not a single valid key.</summary>
    public static bool TryParse(string? value, out string key)
    {
        key = string.Empty;
        var text = value.AsSpan().Trim(" \t");
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] == '"')
        {
            return TryParseQuoted(text, out key);
        }

        // Unquoted: printable ASCII without the characters that would make it a list or a quoted string.
        foreach (var character in text)
        {
            if (!IsPrintableAscii(character) || character is '"' or ',')
            {
                return false;
            }
        }

        key = text.ToString();
        return key.Length <= MaxLength;
    }

    public static IRuleBuilderOptions<T, string?> ValidIdempotencyKey<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Must(value => value is null || TryParse(value, out _))
            .WithMessage($"The {HeaderName} header must be one string of 1 to {MaxLength} printable ASCII characters, quoted (\"...\") or not.");

    // RFC 8941 sf-string: printable ASCII between quotes, where only \" and \\ are escapes.
    private static bool TryParseQuoted(ReadOnlySpan<char> text, out string key)
    {
        key = string.Empty;
        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 1; i < text.Length; i++)
        {
            var character = text[i];
            if (character == '\\')
            {
                if (++i >= text.Length || text[i] is not ('"' or '\\'))
                {
                    return false;
                }

                builder.Append(text[i]);
            }
            else if (character == '"')
            {
                key = builder.ToString();
                return i == text.Length - 1 && key.Length is >= 1 and <= MaxLength;
            }
            else if (IsPrintableAscii(character))
            {
                builder.Append(character);
            }
            else
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsPrintableAscii(char character) => character is >= ' ' and <= '~';
}
