using System.Text.RegularExpressions;
using Messages.Api.Tests.Infrastructure;
using Messages.Api.Tests.Providers;

namespace Messages.Api.Tests.Docs;

/// <summary>The README's Providers section prints exactly the settings that the provider tests use.</summary>
public sealed partial class ReadmeProvidersTests
{
    private const string Begin = "<!-- providers:begin -->";
    private const string End = "<!-- providers:end -->";

    [Fact]
    public void Providers_ListEveryTestedProviderWithItsSettings()
    {
        var readme = File.ReadAllText(Path.Combine(TestHosts.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the README has no providers block");

        var documented = Heading().Split(readme[(start + Begin.Length)..end])
            .Skip(1)
            .Chunk(2)
            .ToDictionary(
                section => section[0].Trim(),
                section => Export().Matches(section[1]).Select(match => match.Groups[1].Value).ToList());

        var tested = ProviderProfiles.All.ToDictionary(
            profile => profile.Name,
            profile => profile.Settings.Select(setting => $"{setting.Key}={setting.Value}").ToList());
        Assert.Equal(tested, documented);
    }

    [GeneratedRegex(@"^### (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^export (\S+)$", RegexOptions.Multiline)]
    private static partial Regex Export();
}
