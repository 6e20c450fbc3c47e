using System.Globalization;
using System.Text;
using FluentValidation;

namespace Messages.Features.MessageBoard;

/// <summary>The field rules shared by the slices; messages name the JSON or route field, never its value.</summary>
internal static class MessageRules
{
    public const int MaxTextLength = 500;

    public static IRuleBuilderOptions<T, string?> ValidMessageId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(MessageId.IsValid).WithMessage("id must be a message id: a UUID such as 0192f1c4-5b7e-7cc3-a1d2-3e4f5a6b7c8d.");

    public static IRuleBuilderOptions<T, string?> ValidMessageText<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("text is required.")
            // Characters as people count them (Unicode scalar values): an emoji is one, not two UTF-16 units.
            .Must(text => text!.Trim().EnumerateRunes().Count() is >= 1 and <= MaxTextLength)
            .WithMessage($"text must be 1 to {MaxTextLength} characters long once leading and trailing white space is removed.")
            .Must(text => !text!.Any(char.IsControl)).WithMessage("text must not contain control characters (line breaks and tabs included).")
            // Overrides and isolates make a message read differently from what it holds (CVE-2021-42574).
            .Must(text => !text!.Any(IsBidiControl))
            .WithMessage("text must not contain bidirectional override or isolate characters (U+202A to U+202E, U+2066 to U+2069).")
            .Must(text => !text!.EnumerateRunes().All(IsInvisible))
            .WithMessage("text must contain at least one visible character.");

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    // White space, format characters (zero-width space and joiners, word joiner, U+FEFF, soft hyphen),
    // marks with nothing to attach to, and the blank fillers that render as nothing. A zero-width joiner
    // inside an emoji sequence is fine: the emoji around it are visible.
    private static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Control
        || rune.Value is 0x115F or 0x1160 or 0x2800 or 0x3164 or 0xFFA0;
}
