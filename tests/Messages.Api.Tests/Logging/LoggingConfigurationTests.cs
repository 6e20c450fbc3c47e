using Messages.Api.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Debugging;

namespace Messages.Api.Tests.Logging;

/// <summary>
/// The "Serilog" section can name the API's own sink, Serilog's console and file sinks, and any sink
/// whose assembly it lists under "Using" (Serilog no longer scans the dependency manifest for them).
/// </summary>
public sealed class LoggingConfigurationTests
{
    [Fact]
    public void Configure_FileSinkNamedInSettings_WritesItsFile()
    {
        var directory = Directory.CreateTempSubdirectory("logging-configuration-");
        try
        {
            var path = Path.Combine(directory.FullName, "api.log");

            var unresolved = Log(new Dictionary<string, string?>
            {
                ["Serilog:WriteTo:0:Name"] = "File",
                ["Serilog:WriteTo:0:Args:path"] = path,
            });

            Assert.DoesNotContain(unresolved, line => line.Contains("Unable to find", StringComparison.Ordinal));
            Assert.Contains("configured sink reached", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Configure_SinkOfAnotherLibrary_IsFoundOnlyWhenListedUnderUsing(bool listed)
    {
        var settings = new Dictionary<string, string?> { ["Serilog:WriteTo:0:Name"] = "Debug" };
        if (listed)
        {
            settings["Serilog:Using:0"] = "Serilog.Sinks.Debug";
        }

        var unresolved = Log(settings);

        Assert.Equal(!listed, unresolved.Any(line => line.Contains("Unable to find a method called Debug", StringComparison.Ordinal)));
    }

    // Builds the API's Serilog logger from these settings, writes one event, and returns what Serilog
    // reported about the settings it could not apply.
    private static List<string> Log(Dictionary<string, string?> settings)
    {
        var reported = new List<string>();
        SelfLog.Enable(line =>
        {
            lock (reported)
            {
                reported.Add(line);
            }
        });
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            services.AddApiLogging();
            using (var provider = services.BuildServiceProvider())
            {
                provider.GetRequiredService<Serilog.ILogger>().Information("configured sink reached");
            }

            return reported;
        }
        finally
        {
            SelfLog.Disable();
        }
    }
}
