using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Messages.Api.Tests.Authentication;

/// <summary>Data protection, registered by authentication, stays available but is not loaded at start-up.</summary>
[Collection(ApiCollection.Name)]
public sealed class DataProtectionTests(ApiFactory api)
{
    [Fact]
    public void Start_NoHostedServiceLoadsTheKeyRing()
    {
        var dataProtection = typeof(DataProtectionOptions).Assembly;

        var hosted = api.Services.GetServices<IHostedService>().Select(service => service.GetType()).ToList();

        Assert.NotEmpty(hosted);
        Assert.DoesNotContain(hosted, type => type.Assembly == dataProtection);
    }

    [Fact]
    public void Protect_WhenSomethingUsesIt_StillRoundTrips()
    {
        var protector = api.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("tests");

        Assert.Equal("payload", protector.Unprotect(protector.Protect("payload")));
    }
}
