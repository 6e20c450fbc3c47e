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
            .Must(text => !text!.Any(char.IsControl)).WithMessage("text must not contain control characters (line breaks and tabs included).");
}
