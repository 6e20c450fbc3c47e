using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",...} value</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A parsed answer of <c>GET /metrics</c>.</summary>
public sealed partial class PrometheusScrape
{
    private PrometheusScrape(IReadOnlyList<PrometheusSample> samples) => Samples = samples;

    public IReadOnlyList<PrometheusSample> Samples { get; }

    public static async Task<PrometheusScrape> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (SampleLine().Match(line) is { Success: true } match)
            {
                var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(label => label.Groups[1].Value, label => label.Groups[2].Value);
                samples.Add(new PrometheusSample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }

        return new PrometheusScrape(samples);
    }

    /// <summary>Scrapes until <paramref name="done"/>: measurements are taken as each request finishes, which may be just after its response reached the client.</summary>
    public static async Task<PrometheusScrape> ReadUntilAsync(HttpClient client, Func<PrometheusScrape, bool> done)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var scrape = await ReadAsync(client);
            if (done(scrape))
            {
                return scrape;
            }

            await Task.Delay(20);
        }

        return await ReadAsync(client);
    }

    /// <summary>The sum of every sample of <paramref name="name"/> carrying at least these labels.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == name && labels.All(label => sample.Labels.TryGetValue(label.Label, out var value) && value == label.Value))
            .Sum(sample => sample.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"?""")]
    private static partial Regex Label();
}
