using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messages.Api.Tests.Authentication;

/// <summary>
/// Data protection, which bearer tokens never use, is not set up at start-up (docs/performance.md,
/// "Start-up"): no key is read or written until something protects data, and then it works as before.
/// </summary>
public sealed class DataProtectionStartupTests
{
    [Fact]
    public async Task Start_WritesNoKey_FirstProtectWritesOneAndRoundTrips()
    {
        var keys = Directory.CreateTempSubdirectory("messages-dp-keys-");
        try
        {
            await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>(), services =>
                services.Configure<KeyManagementOptions>(options => options.XmlRepository = new FileSystemXmlRepository(keys, NullLoggerFactory.Instance)));
            var started = keys.GetFiles().Length;
            var hostedServices = api.Services.GetServices<IHostedService>().Select(service => service.GetType().FullName).ToList();

            var protector = api.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            var roundTrip = protector.Unprotect(protector.Protect("payload"));

            Assert.Equal(0, started);
            Assert.DoesNotContain(hostedServices, name => name?.Contains("DataProtection", StringComparison.Ordinal) == true);
            Assert.Equal("payload", roundTrip);
            Assert.Single(keys.GetFiles("*.xml"));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }
}
