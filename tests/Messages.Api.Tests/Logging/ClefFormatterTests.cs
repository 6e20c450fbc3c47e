using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Messages.Api.Logging;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace Messages.Api.Tests.Logging;

/// <summary>
/// ClefFormatter's UTF-8 must be exactly what CompactJsonFormatter writes, encoded as UTF-8 (as the
/// sink wrote it before): every kind of value, escape, rendering, level, exception and id.
/// </summary>
public sealed class ClefFormatterTests
{
    private static readonly MessageTemplateParser _parser = new();
    private static readonly DateTimeOffset _timestamp = new(2026, 12, 1, 5, 18, 53, TimeSpan.FromHours(5.5));

    public static TheoryData<string> Cultures() => new("", "de-DE", "ar-SA", "fr-CH");

    public static TheoryData<string, LogEventPropertyValue> Values() => new()
    {
        { "null", new ScalarValue(null) },
        { "plain string", new ScalarValue("GetPrivateMessage") },
        { "empty string", new ScalarValue("") },
        { "quote and backslash", new ScalarValue("say \"hi\" \\ C:\\path\\") },
        { "controls", new ScalarValue("\0\u0001\b\t\n\u000b\f\r\u001b\u001f end") },
        { "non-ASCII", new ScalarValue("é ñ 中文 עברית \u00a0 \u2028 \u200d 👩‍💻") },
        { "lone high surrogate", new ScalarValue("a\ud83d") },
        { "lone low surrogate", new ScalarValue("\ude00b") },
        { "high surrogate before an escape", new ScalarValue("x\ud83d\"y") },
        { "int", new ScalarValue(-2147483648) },
        { "long", new ScalarValue(long.MaxValue) },
        { "uint", new ScalarValue(4000000000u) },
        { "ulong", new ScalarValue(ulong.MaxValue) },
        { "short", new ScalarValue((short)-12) },
        { "byte", new ScalarValue((byte)255) },
        { "decimal", new ScalarValue(1234.5678m) },
        { "double", new ScalarValue(133.268436) },
        { "double, small", new ScalarValue(double.Epsilon) },
        { "double, large", new ScalarValue(1e300) },
        { "double, negative zero", new ScalarValue(-0.0) },
        { "double, NaN", new ScalarValue(double.NaN) },
        { "double, infinity", new ScalarValue(double.NegativeInfinity) },
        { "float", new ScalarValue(0.1f) },
        { "float, NaN", new ScalarValue(float.NaN) },
        { "bool", new ScalarValue(true) },
        { "char", new ScalarValue('"') },
        { "DateTime", new ScalarValue(new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc)) },
        { "DateTimeOffset", new ScalarValue(_timestamp) },
        { "TimeSpan", new ScalarValue(TimeSpan.FromMilliseconds(1234.5)) },
        { "Guid", new ScalarValue(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")) },
        { "enum", new ScalarValue(LogEventLevel.Warning) },
        { "Uri", new ScalarValue(new Uri("https://example.test/a?b=\"c\"")) },
        { "structure", new StructureValue([new("Id", new ScalarValue(2000)), new("Name", new ScalarValue("RequestCompleted"))]) },
        { "structure with a type tag", new StructureValue([new("A", new ScalarValue(1))], "Point") },
        { "empty structure with a type tag", new StructureValue([], "Empty") },
        { "empty structure", new StructureValue([]) },
        { "sequence", new SequenceValue([new ScalarValue(1), new ScalarValue("two"), new SequenceValue([]), new StructureValue([])]) },
        { "dictionary", new DictionaryValue([new(new ScalarValue("k\"ey"), new ScalarValue(1.5)), new(new ScalarValue(null), new ScalarValue(false))]) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Format_AnyValue_WritesWhatCompactJsonFormatterWrites(string name, LogEventPropertyValue value)
    {
        var logEvent = Event("Value {Value}", LogEventLevel.Information, null, [new("Value", value), new("Nested", new StructureValue([new("Inner", value)]))]);

        AssertSameAsCompactJsonFormatter(logEvent, name);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Format_RenderedTokensUnderAnyCulture_WritesWhatCompactJsonFormatterWrites(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var logEvent = Event(
                "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0000} ms; {Count:N0} {Big:X} {Aligned,8:0.0} {Text:l} {Missing:0.0} {Date:yyyy-MM-dd} {Nan:0.00}",
                LogEventLevel.Information,
                null,
                [
                    new("RequestMethod", new ScalarValue("GET")),
                    new("Route", new ScalarValue("/api/private")),
                    new("StatusCode", new ScalarValue(200)),
                    new("Elapsed", new ScalarValue(1234567.123456)),
                    new("Count", new ScalarValue(1234567)),
                    new("Big", new ScalarValue(255L)),
                    new("Aligned", new ScalarValue(3.14159)),
                    new("Text", new ScalarValue("a \"quoted\" text")),
                    new("Date", new ScalarValue(_timestamp)),
                    new("Nan", new ScalarValue(double.NaN)),
                ]);

            AssertSameAsCompactJsonFormatter(logEvent, culture);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Format_TenThousandthsAndOtherDoubles_WritesWhatCompactJsonFormatterWrites()
    {
        var random = new Random(2026_12_01);
        var values = new List<double>
        {
            0, -0.0, 0.0001, 0.001, 0.5, 1, 9.9999, 10, 12.3, 999_999_999.9999, 1e9, 1e9 - 0.00005, -1.5, 1e-5, 0.00015,
            double.Epsilon, double.MaxValue, 1234567.123456, Math.Round(0.1 + 0.2, 4), 0.1 + 0.2,
        };
        for (var i = 0; i < 20_000; i++)
        {
            var tenThousandths = random.NextInt64(0, 10_000_000_000_000);
            values.Add(tenThousandths / 10_000d);
            values.Add(Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-3, 10)), 4));
            values.Add(random.NextDouble() * Math.Pow(10, random.Next(-6, 10)));
        }

        foreach (var value in values)
        {
            var logEvent = Event(
                "took {Elapsed:0.0000} ms", LogEventLevel.Information, null, [new("Elapsed", new ScalarValue(value))]);

            AssertSameAsCompactJsonFormatter(logEvent, value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(LogEventLevel.Verbose)]
    [InlineData(LogEventLevel.Debug)]
    [InlineData(LogEventLevel.Information)]
    [InlineData(LogEventLevel.Warning)]
    [InlineData(LogEventLevel.Error)]
    [InlineData(LogEventLevel.Fatal)]
    public void Format_AnyLevel_WritesWhatCompactJsonFormatterWrites(LogEventLevel level)
    {
        AssertSameAsCompactJsonFormatter(Event("Level {Level}", level, null, [new("Level", new ScalarValue(level))]), level.ToString());
    }

    [Fact]
    public void Format_ExceptionAndReservedNamesAndEscapedTemplate_WritesWhatCompactJsonFormatterWrites()
    {
        Exception exception;
        try
        {
            throw new InvalidOperationException("outer \"boom\"\n\ttabbed é", new ArgumentException("inner \u0001"));
        }
        catch (InvalidOperationException thrown)
        {
            exception = thrown;
        }

        var logEvent = Event(
            "Template with \"quotes\", a \\ backslash,\na newline and {@Destructured} {$Stringified}",
            LogEventLevel.Error,
            exception,
            [
                new("@x", new ScalarValue("a property named like a reserved field")),
                new("@", new ScalarValue(1)),
                new("Destructured", new StructureValue([new("A", new ScalarValue(1))], "Type")),
                new("Stringified", new ScalarValue("text")),
                new("Name with \"quote\"", new ScalarValue(2)),
            ]);

        AssertSameAsCompactJsonFormatter(logEvent, "exception");
    }

    [Fact]
    public void Format_WithoutTraceAndSpan_WritesWhatCompactJsonFormatterWrites()
    {
        var logEvent = new LogEvent(_timestamp, LogEventLevel.Information, null, _parser.Parse("No ids"), []);

        AssertSameAsCompactJsonFormatter(logEvent, "no ids");
    }

    [Fact]
    public void Format_ManyRandomEvents_WritesWhatCompactJsonFormatterWrites()
    {
        var random = new Random(2026);
        var values = Values().Select(row => (LogEventPropertyValue)row[1]).ToArray();
        for (var i = 0; i < 500; i++)
        {
            var properties = Enumerable.Range(0, random.Next(0, 12))
                .Select(index => new LogEventProperty($"P{index}", RandomValue(random, values, depth: 0)))
                .ToList();
            var template = string.Join(' ', properties.Select((property, index) => index % 3 == 0 ? $"{{{property.Name}:0.00}}" : $"{{{property.Name}}}"));
            var level = (LogEventLevel)random.Next(0, 6);

            AssertSameAsCompactJsonFormatter(Event(template, level, null, properties), $"random event {i}");
        }
    }

    [Fact]
    public void Format_TextWriter_IsCompactJsonFormatter()
    {
        var logEvent = Event("Value {Value}", LogEventLevel.Warning, null, [new("Value", new ScalarValue("x"))]);
        var expected = new StringWriter();
        new CompactJsonFormatter().Format(logEvent, expected);
        var actual = new StringWriter();

        new ClefFormatter().Format(logEvent, actual);

        Assert.Equal(expected.ToString(), actual.ToString());
    }

    private static LogEventPropertyValue RandomValue(Random random, LogEventPropertyValue[] values, int depth) =>
        (random.Next(0, 10), depth) switch
        {
            (0, < 3) => new StructureValue(
                Enumerable.Range(0, random.Next(0, 4)).Select(index => new LogEventProperty($"S{index}", RandomValue(random, values, depth + 1))),
                random.Next(0, 2) == 0 ? null : "Tag"),
            (1, < 3) => new SequenceValue(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, values, depth + 1))),
            (2, _) => new ScalarValue(random.NextDouble() * Math.Pow(10, random.Next(-10, 20))),
            (3, _) => new ScalarValue(new string(Enumerable.Range(0, random.Next(0, 20)).Select(_ => (char)random.Next(0, 0x2100)).ToArray())),
            _ => values[random.Next(values.Length)],
        };

    private static LogEvent Event(string template, LogEventLevel level, Exception? exception, IEnumerable<LogEventProperty> properties) =>
        new(_timestamp, level, exception, _parser.Parse(template), properties, ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());

    private static void AssertSameAsCompactJsonFormatter(LogEvent logEvent, string because)
    {
        var text = new StringWriter();
        var failure = Record.Exception(() => new CompactJsonFormatter().Format(logEvent, text));
        if (failure is not null)
        {
            // A format the value does not take ({Enum:0.00}): both fail alike, and the sink reports it.
            Assert.IsType(failure.GetType(), Record.Exception(() => ClefFormatter.Format(logEvent, new ArrayBufferWriter<byte>())));
            return;
        }

        var expected = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
        var actual = new ArrayBufferWriter<byte>();

        ClefFormatter.Format(logEvent, actual);

        Assert.True(expected.AsSpan().SequenceEqual(actual.WrittenSpan),
            $"{because}:\nexpected {Encoding.UTF8.GetString(expected)}\nactual   {Encoding.UTF8.GetString(actual.WrittenSpan)}");
    }
}
