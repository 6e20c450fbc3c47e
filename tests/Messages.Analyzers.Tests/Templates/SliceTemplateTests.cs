using System.Reflection;
using System.Text.Json;
using Messages.Analyzers.Tests.Build;
using Messages.Analyzers.Tests.Infrastructure;
using Messages.Features.Authorization;

namespace Messages.Analyzers.Tests.Templates;

/// <summary>
/// templates/slice as a developer uses it: installed into a temporary hive, run in a copy of the projects,
/// and the slice it writes builds (analyzers and code style included, warnings as errors) and passes its test.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class SliceTemplateTests
{
    private static readonly string _template = Path.Combine(RepositoryCopy.RepositoryRoot, "templates", "slice");

    [Fact]
    [Trait("Category", BuildCollection.Trait)]
    public async Task Template_ScopedCommand_BuildsAndPassesItsGeneratedTest()
    {
        using var copy = RepositoryCopy.Of("src/Messages.Features", "src/Messages.Analyzers", "src/Messages.Analyzers.CodeFixes", "tests/Messages.Features.Tests");
        var hive = copy.PathOf("template-hive");
        Assert.Equal(0, (await copy.DotnetAsync("new", "install", _template, "--debug:custom-hive", hive)).ExitCode);

        var generated = await copy.DotnetAsync("new", "messages-slice", "-n", "PostGreeting", "--feature", "Greetings",
            "--auth", Scopes.WriteMessages, "--kind", "command", "--debug:custom-hive", hive);
        Assert.True(generated.ExitCode == 0, generated.ToString());
        var slice = await File.ReadAllTextAsync(copy.PathOf("src/Messages.Features/Greetings/PostGreeting.cs"));
        Assert.Contains("[RequiresScope(Scopes.WriteMessages)]", slice, StringComparison.Ordinal);
        Assert.Contains("routes.MapPost(\"/post-greeting\", Endpoint).WithName(nameof(PostGreeting)).ForRequest<Command>()", slice, StringComparison.Ordinal);

        var formatted = await copy.DotnetAsync("format", "whitespace", ".", "--folder", "--verify-no-changes",
            "--include", "src/Messages.Features/Greetings/", "tests/Messages.Features.Tests/Greetings/");
        Assert.True(formatted.ExitCode == 0, formatted.ToString());

        var tested = await copy.DotnetAsync("test", "tests/Messages.Features.Tests/Messages.Features.Tests.csproj",
            "--filter", "FullyQualifiedName~Messages.Features.Tests.Greetings.PostGreetingTests", "-nodeReuse:false");
        Assert.True(tested.ExitCode == 0, tested.ToString());
        // Allowed, anonymous, without the scope, and two blank texts.
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+5,", tested.Output);
    }

    [Fact]
    public void Template_AuthChoices_AreThePublicAuthAndEveryCatalogScope()
    {
        var symbols = TemplateSymbols();

        var choices = symbols.GetProperty("auth").GetProperty("choices").EnumerateArray().Select(choice => choice.GetProperty("choice").GetString());

        Assert.Equal(["public", "auth", .. Scopes.All.Select(scope => scope.Name)], choices);
    }

    [Fact]
    public void Template_EachScopeChoice_WritesItsCatalogConstant()
    {
        var constants = typeof(Scopes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .ToDictionary(field => (string)field.GetRawConstantValue()!, field => field.Name);

        var cases = TemplateSymbols().GetProperty("scopeConstant").GetProperty("parameters").GetProperty("cases").EnumerateArray()
            .ToDictionary(entry => entry.GetProperty("condition").GetString()!, entry => entry.GetProperty("value").GetString());

        Assert.Equal(constants.Count, cases.Count);
        Assert.All(constants, constant => Assert.Equal(constant.Value, cases[$"(auth == \"{constant.Key}\")"]));
    }

    private static JsonElement TemplateSymbols()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_template, ".template.config", "template.json")));
        return document.RootElement.GetProperty("symbols").Clone();
    }
}
