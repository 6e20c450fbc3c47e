using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Messages.Features.Idempotency;

/// <summary>
/// A request made under an idempotency key: the caller it is scoped to (<c>sub</c>), the key, and a
/// SHA-256 fingerprint of what was asked (the request type and its fields as JSON, the key excluded),
/// so that the same key with a different request is recognised.
/// </summary>
public sealed record IdempotentRequest(string Scope, string Key, string Fingerprint)
{
    public static IdempotentRequest For<TMessage>(TMessage message, string scope, string key)
        where TMessage : notnull
    {
        // Serialized as its runtime type: the fields the client sent once bound and parsed, whatever
        // their order or spacing in the body. Fields marked [JsonIgnore] (the key, the claim) stay out.
        var canonical = $"{message.GetType().FullName}\n{JsonSerializer.Serialize(message, message.GetType(), IdempotencyClaim.AnswerOptions)}";
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new IdempotentRequest(scope, key, fingerprint);
    }
}
