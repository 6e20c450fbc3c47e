using Microsoft.Extensions.Options;

namespace Messages.Api.Storage;

/// <summary>Stops start-up on idempotency settings outside sensible bounds, naming the key.</summary>
internal sealed class IdempotencySettingsValidator : IValidateOptions<IdempotencySettings>
{
    public ValidateOptionsResult Validate(string? name, IdempotencySettings options)
    {
        var failures = new List<string>();
        if (options.KeyLifetime < TimeSpan.FromMinutes(1) || options.KeyLifetime > TimeSpan.FromDays(30))
        {
            failures.Add("Idempotency:KeyLifetime must be between 00:01:00 and 30.00:00:00.");
        }

        if (options.LockTimeout < TimeSpan.FromSeconds(1) || options.LockTimeout > TimeSpan.FromHours(1) || options.LockTimeout >= options.KeyLifetime)
        {
            failures.Add("Idempotency:LockTimeout must be between 00:00:01 and 01:00:00, and shorter than Idempotency:KeyLifetime.");
        }

        if (options.PurgeInterval < TimeSpan.FromSeconds(1) || options.PurgeInterval > TimeSpan.FromDays(1))
        {
            failures.Add("Idempotency:PurgeInterval must be between 00:00:01 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
