using System.Text.Json;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests;

/// <summary>
/// The runtime settings the built API starts with (the runtimeconfig.json beside its build output, which
/// the process tests start), on which the 1,000-client memory target rests (docs/performance.md, "Memory").
/// </summary>
public sealed class RuntimeConfigurationTests
{
    [Fact]
    public void RuntimeConfig_CapsTheGen0BudgetAtFourMebibytes()
    {
        var runtimeConfig = Path.ChangeExtension(ApiProcess.FindApiDll(), ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(runtimeConfig));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(4 * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
    }
}
