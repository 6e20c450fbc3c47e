using Messages.Features.Errors;

namespace Messages.Features.MessageBoard;

internal static class MessageErrors
{
    public static ResourceError NotFound() => ResourceError.NotFound("message_not_found", "No message has this id.");

    public static ResourceError NotAuthor() => ResourceError.Forbidden("not_message_author", "Only the author of a message may delete it.");

    public static ResourceError NoSubject() =>
        ResourceError.Forbidden("subject_missing", "The access token has no subject (sub) to record as the author.");
}
