using Microsoft.Extensions.Options;

namespace Messages.Api.Lifecycle;

/// <summary>Stops start-up on shutdown settings outside sensible bounds, naming the key.</summary>
internal sealed class ShutdownSettingsValidator : IValidateOptions<ShutdownSettings>
{
    public ValidateOptionsResult Validate(string? name, ShutdownSettings options)
    {
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail("Shutdown:Timeout must be between 00:00:01 and 00:10:00.");
        }

        return options.DrainDelay < TimeSpan.Zero || options.DrainDelay >= options.Timeout
            ? ValidateOptionsResult.Fail("Shutdown:DrainDelay must be 00:00:00 or more, and shorter than Shutdown:Timeout (which includes it).")
            : ValidateOptionsResult.Success;
    }
}
