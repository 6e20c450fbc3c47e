using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Messages.Api.Logging;
using Messages.Api.Tests.Infrastructure;
using Serilog.Events;

namespace Messages.Api.Tests.Observability;

/// <summary>docs/observability.md names only events, fields, metrics and labels that the API really emits.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ObservabilityPageTests(ApiFactory api)
{
    // CLEF's own keys, written for every event by the formatter rather than by the API.
    private static readonly string[] _clefKeys = ["@t", "@mt", "@m", "@l", "@x", "@r", "@i"];

    private static readonly Lazy<string> _page = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "observability.md")));

    private static IReadOnlyList<CatalogueRow> Catalogue =>
        [.. CatalogueRowLine().Matches(_page.Value).Select(match => new CatalogueRow(
            int.Parse(match.Groups["id"].Value),
            match.Groups["name"].Value,
            match.Groups["level"].Value,
            [.. Backticked().Matches(match.Groups["fields"].Value).Select(cell => cell.Groups[1].Value)]))];

    [Fact]
    public void Page_EventCatalogue_MatchesTheSourceGeneratedEvents()
    {
        var generated = typeof(LogEvents).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(method => method.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>())
            .OfType<Microsoft.Extensions.Logging.LoggerMessageAttribute>()
            .Select(attribute => new CatalogueRow(
                attribute.EventId,
                attribute.EventName!,
                attribute.Level.ToString(),
                [.. Placeholder().Matches(attribute.Message).Select(match => match.Groups[1].Value)]))
            .OrderBy(row => row.Id)
            .ToList();

        var documented = Catalogue.Where(row => row.Id != LogEventReading.CompletionId).OrderBy(row => row.Id).ToList();

        Assert.NotEmpty(generated);
        Assert.Equal(generated.Select(Describe), documented.Select(Describe));
    }

    [Fact]
    public async Task Page_RequestCompletedFields_AreExactlyThoseOfRealCompletionEvents()
    {
        var row = Assert.Single(Catalogue, row => row.Id == LogEventReading.CompletionId);
        var token = api.Issuer.CreateToken(new() { Scope = "write:messages", Claims = new Dictionary<string, object> { ["azp"] = "client-docs" } });

        var forbidden = await TracedRequest.GetAsync(api, AuthMatrix.Scoped, $"Bearer {token}");
        var anonymous = await TracedRequest.GetAsync(api, AuthMatrix.Public, authorization: null);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal("RequestCompleted", row.Name);
        Assert.Equal(nameof(LogEventLevel.Information), row.Level);
        var written = new[] { forbidden.Completion, anonymous.Completion }
            .SelectMany(logEvent => logEvent.ClefJson().EnumerateObject().Select(property => property.Name))
            .Except(_clefKeys)
            .ToHashSet();
        Assert.Equal(written.Order(), row.Fields.Order());
    }

    [Fact]
    public async Task Page_MetricsLabelsAndQueries_NameOnlyWhatIsScraped()
    {
        var scrapes = await ScrapeAfterEveryKindOfMeasurementAsync();
        var names = scrapes.SelectMany(scrape => scrape.Samples).Select(sample => sample.Name).ToHashSet();
        var labels = scrapes.SelectMany(scrape => scrape.Samples).SelectMany(sample => sample.Labels.Keys).ToHashSet();
        var metricRows = MetricRowLine().Matches(_page.Value).ToList();

        Assert.Equal(4, metricRows.Count);
        foreach (var metricRow in metricRows)
        {
            var metric = metricRow.Groups["name"].Value;
            var samples = scrapes.SelectMany(scrape => scrape.Samples)
                .Where(sample => sample.Name == metric || sample.Name.StartsWith(metric + "_", StringComparison.Ordinal)).ToList();
            Assert.True(samples.Count > 0, $"{metric} is documented but not scraped");
            foreach (var label in Backticked().Matches(metricRow.Groups["labels"].Value).Select(match => match.Groups[1].Value))
            {
                Assert.True(samples.Any(sample => sample.Labels.ContainsKey(label)), $"{metric} has no label {label}");
            }
        }

        var promql = CodeBlocks("promql");
        Assert.NotEmpty(promql);
        foreach (var metric in MetricName().Matches(promql).Select(match => match.Value).Distinct())
        {
            Assert.True(names.Contains(metric), $"the queries name {metric}, which is not scraped");
        }

        foreach (var label in LabelMatcher().Matches(promql).Select(match => match.Groups[1].Value)
            .Concat(GroupingList().Matches(promql).SelectMany(match => match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))))
        {
            Assert.True(labels.Contains(label), $"the queries name the label {label}, which is not scraped");
        }
    }

    [Fact]
    public async Task Page_LogQueries_NameOnlyWrittenFields()
    {
        var token = api.Issuer.CreateToken(new() { Scope = "write:messages" });
        await TracedRequest.GetAsync(api, AuthMatrix.Scoped, $"Bearer {token}");
        await TracedRequest.GetAsync(api, AuthMatrix.Private, authorization: null);
        var fields = api.Logs.Events.SelectMany(logEvent => Flatten(logEvent.ClefJson())).ToHashSet();
        var fieldsOfEvent1002 = Assert.Single(Catalogue, row => row.Id == 1002).Fields;

        var logql = StreamSelector().Replace(CodeBlocks("logql"), string.Empty);

        Assert.NotEmpty(logql);
        var named = LogqlField().Matches(logql).Select(match => match.Groups[1].Value)
            .Concat(GroupingList().Matches(logql).SelectMany(match => match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)))
            .Concat(Unwrapped().Matches(logql).Select(match => match.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.Contains("ReasonCode", named);
        foreach (var field in named)
        {
            Assert.True(fields.Contains(field), $"the log queries name {field}, which no captured event carries");
        }

        foreach (var field in TemplateField().Matches(logql).Select(match => match.Groups[1].Value))
        {
            Assert.Contains(field, fieldsOfEvent1002);
        }
    }

    private async Task<IReadOnlyList<PrometheusScrape>> ScrapeAfterEveryKindOfMeasurementAsync()
    {
        var forbidden = await TracedRequest.GetAsync(api, AuthMatrix.Scoped, $"Bearer {api.Issuer.CreateToken()}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        using var scraper = api.CreateClient();
        var shared = await PrometheusScrape.ReadAsync(scraper);

        await using var cutOff = api.WithUnreachableIssuer();
        using var client = cutOff.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {api.Issuer.CreateToken()}");
        using var response = await client.GetAsync(AuthMatrix.Private);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return [shared, await PrometheusScrape.ReadAsync(client)];
    }

    // Loki's json stage flattens nested objects with '_' and turns other characters into '_'.
    private static IEnumerable<string> Flatten(JsonElement element, string prefix = "")
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + Regex.Replace(property.Name, "[^A-Za-z0-9_]", "_");
            yield return name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var nested in Flatten(property.Value, name + "_"))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string CodeBlocks(string language) =>
        string.Join('\n', Regex.Matches(_page.Value, $"```{language}\\n(.*?)```", RegexOptions.Singleline).Select(match =>
            string.Join('\n', match.Groups[1].Value.Split('\n').Where(line => !line.TrimStart().StartsWith('#')))));

    private static string Describe(CatalogueRow row) => $"{row.Id} {row.Name} {row.Level}: {string.Join(", ", row.Fields.Order())}";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Messages.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Messages.sln not found");
    }


    [GeneratedRegex(@"^\| (?<id>\d{4}) \| `(?<name>\w+)` \| (?<level>\w+) \| (?<fields>.*) \|$", RegexOptions.Multiline)]
    private static partial Regex CatalogueRowLine();

    [GeneratedRegex(@"^\| `(?<name>[a-z_]+)` \| (counter|histogram|gauge) \| (?<labels>.*) \|$", RegexOptions.Multiline)]
    private static partial Regex MetricRowLine();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"\{(\w+)")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(?:messages|http_server)_[a-z_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"(\w+)=~?""")]
    private static partial Regex LabelMatcher();

    [GeneratedRegex(@"\bby \(([^)]*)\)")]
    private static partial Regex GroupingList();

    [GeneratedRegex(@"\{app=""[^""]*""\}")]
    private static partial Regex StreamSelector();

    [GeneratedRegex(@"\b([A-Za-z_]\w*) (?:=|!=|=~|>|<)")]
    private static partial Regex LogqlField();

    [GeneratedRegex(@"\bunwrap (\w+)")]
    private static partial Regex Unwrapped();

    [GeneratedRegex(@"\{\{\.(\w+)\}\}")]
    private static partial Regex TemplateField();

    private sealed record CatalogueRow(int Id, string Name, string Level, IReadOnlyList<string> Fields);
}
