using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Messages.Api.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace Messages.Api.Tests.Logging;

/// <summary>The buffered stdout sink, on a stream of its own: nothing lost, nothing mixed, limits kept.</summary>
public sealed class StandardOutputSinkTests
{
    private static readonly MessageTemplate _template = new MessageTemplateParser().Parse("Event {Thread} {Sequence} {Text}");
    private static readonly TimeSpan _never = TimeSpan.FromHours(1);

    [Fact]
    public void Dispose_AfterEventsFromManyThreads_HasWrittenEveryEventWholeAndInOrderPerThread()
    {
        const int Threads = 8, PerThread = 2_000;
        var output = new MemoryStream();
        var sink = new StandardOutputSink(new ClefFormatter(), output, TimeSpan.FromMilliseconds(1), pendingLimit: 0, blockWhenFull: false);

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var sequence = 0; sequence < PerThread; sequence++)
            {
                sink.Emit(Event(thread, sequence, "é \"x\" 👩‍💻"));
            }
        });
        sink.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Threads * PerThread, lines.Length);
        var sequences = lines
            .Select(line => JsonDocument.Parse(line).RootElement)
            .GroupBy(clef => clef.GetProperty("Thread").GetInt32(), clef => clef.GetProperty("Sequence").GetInt32());
        Assert.All(sequences, thread => Assert.Equal(Enumerable.Range(0, PerThread), thread));
        Assert.All(lines, line => Assert.Contains("\"Text\":\"é \\\"x\\\" 👩‍💻\"", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, new[] { 0, 1, 2 })]
    [InlineData(true, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    public void Emit_PastTheLimit_DropsTheNewEventsOrBlocksAsConfigured(bool blockWhenFull, int[] written)
    {
        var output = new MemoryStream();
        var oneEvent = Rendered(Event(0, 0, "x")).Length;
        var sink = new StandardOutputSink(new ClefFormatter(), output, _never, pendingLimit: (oneEvent * 3) + 10, blockWhenFull);

        for (var sequence = 0; sequence < 10; sequence++)
        {
            sink.Emit(Event(0, sequence, "x"));
        }

        // Without blocking nothing is written before the flush; blocking writes when the limit is reached.
        Assert.Equal(blockWhenFull, output.Length > 0);
        sink.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(written, lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Sequence").GetInt32()));
    }

    [Fact]
    public void Emit_WithATextFormatter_WritesItsTextAsUtf8()
    {
        var output = new MemoryStream();
        var sink = new StandardOutputSink(new MessageTemplateTextFormatter("{Text} {Sequence}{NewLine}"), output, _never, pendingLimit: 0, blockWhenFull: false);

        sink.Emit(Event(0, 7, "é 中文 👩‍💻"));
        sink.Dispose();

        Assert.Equal("é 中文 👩‍💻 7\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Emit_AnEventLargerThanTheBuffers_IsWrittenWhole()
    {
        var output = new MemoryStream();
        var sink = new StandardOutputSink(new ClefFormatter(), output, _never, pendingLimit: 0, blockWhenFull: false);
        var large = new string('a', 200_000) + "\"";

        sink.Emit(Event(0, 0, large));
        sink.Emit(Event(0, 1, "small"));
        sink.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(large, JsonDocument.Parse(lines[0]).RootElement.GetProperty("Text").GetString());
        Assert.Equal("small", JsonDocument.Parse(lines[1]).RootElement.GetProperty("Text").GetString());
    }

    private static byte[] Rendered(LogEvent logEvent)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ClefFormatter.Format(logEvent, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static LogEvent Event(int thread, int sequence, string text) => new(
        DateTimeOffset.UtcNow,
        LogEventLevel.Information,
        null,
        _template,
        [new("Thread", new ScalarValue(thread)), new("Sequence", new ScalarValue(sequence)), new("Text", new ScalarValue(text))],
        ActivityTraceId.CreateRandom(),
        ActivitySpanId.CreateRandom());
}
