using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Json;
using Serilog.Parsing;

namespace Messages.Api.Logging;

/// <summary>
/// CLEF exactly as Serilog's <see cref="CompactJsonFormatter"/> writes it, byte for byte (a test compares
/// the two on every kind of value), rendered straight into UTF-8 by the <c>StandardOutput</c> sink. The
/// common values (strings, whole numbers, doubles, booleans, null, structures and sequences of them) are
/// written without a <see cref="TextWriter"/> or an intermediate string; anything else (other scalar
/// types, dictionaries, exceptions, renderings with alignment) goes through Serilog's own
/// <see cref="JsonValueFormatter"/> and is transcoded. Other sinks get <see cref="CompactJsonFormatter"/>'s
/// own output through <see cref="Format(LogEvent, TextWriter)"/>.
/// </summary>
public sealed class ClefFormatter : ITextFormatter
{
    // What JsonValueFormatter escapes: the control characters, the quote and the backslash.
    private static readonly SearchValues<char> _escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\");

    private static readonly JsonValueFormatter _values = new(typeTagName: "$type");
    private static readonly CompactJsonFormatter _compact = new(_values);
    private static readonly ConditionalWeakTable<MessageTemplate, PropertyToken[]> _renderedTokens = [];
    private static readonly byte[][] _levels = Enum.GetValues<LogEventLevel>()
        .Select(level => Encoding.UTF8.GetBytes($",\"@l\":\"{level}\"")).ToArray();

    [ThreadStatic]
    private static StringWriter? _scratch;

    /// <summary>As <see cref="CompactJsonFormatter"/>: one event, then a newline.</summary>
    public void Format(LogEvent logEvent, TextWriter output) => _compact.Format(logEvent, output);

    /// <summary>The same text as <see cref="Format(LogEvent, TextWriter)"/>, newline included, as UTF-8.</summary>
    public static void Format(LogEvent logEvent, ArrayBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);

        Write(output, "{\"@t\":\""u8);
        var timestamp = output.GetSpan(40);
        logEvent.Timestamp.UtcDateTime.TryFormat(timestamp, out var written, "O", CultureInfo.InvariantCulture);
        output.Advance(written);
        Write(output, "\",\"@mt\":"u8);
        WriteQuoted(output, logEvent.MessageTemplate.Text);
        WriteRenderings(output, logEvent);

        if (logEvent.Level != LogEventLevel.Information)
        {
            Write(output, _levels[(int)logEvent.Level]);
        }

        if (logEvent.Exception is { } exception)
        {
            Write(output, ",\"@x\":"u8);
            var scratch = Scratch();
            JsonValueFormatter.WriteQuotedJsonString(exception.ToString(), scratch);
            Transcode(output, scratch);
        }

        if (logEvent.TraceId is { } traceId)
        {
            Write(output, ",\"@tr\":\""u8);
            WriteAscii(output, traceId.ToHexString());
            Write(output, "\""u8);
        }

        if (logEvent.SpanId is { } spanId)
        {
            Write(output, ",\"@sp\":\""u8);
            WriteAscii(output, spanId.ToHexString());
            Write(output, "\""u8);
        }

        if (logEvent.Properties is Dictionary<string, LogEventPropertyValue> properties)
        {
            foreach (var (name, value) in properties)
            {
                WriteProperty(output, name, value);
            }
        }
        else
        {
            foreach (var (name, value) in logEvent.Properties)
            {
                WriteProperty(output, name, value);
            }
        }

        Write(output, "}\n"u8);
    }

    private static void WriteProperty(ArrayBufferWriter<byte> output, string name, LogEventPropertyValue value)
    {
        var destination = output.GetSpan(MaxQuotedLength(name) + 3);
        destination[0] = (byte)',';
        var length = 1;
        if (name.StartsWith('@'))
        {
            // CLEF reserves the '@' prefix: a property that starts with one is escaped by doubling it.
            destination[1] = (byte)'"';
            destination[2] = (byte)'@';
            length = 3 + Escape(name, destination[3..]);
            destination[length++] = (byte)'"';
        }
        else
        {
            length += Quote(name, destination[1..]);
        }

        destination[length++] = (byte)':';
        output.Advance(length);
        WriteValue(output, value);
    }

    // "@r": the renderings of the template's formatted tokens ({Elapsed:0.0000}), in template order.
    private static void WriteRenderings(ArrayBufferWriter<byte> output, LogEvent logEvent)
    {
        var tokens = _renderedTokens.GetValue(logEvent.MessageTemplate, static template =>
            template.Tokens.OfType<PropertyToken>().Where(token => token.Format is not null).ToArray());
        if (tokens.Length == 0)
        {
            return;
        }

        Write(output, ",\"@r\":["u8);
        Span<char> rendering = stackalloc char[64];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
            {
                Write(output, ","u8);
            }

            var token = tokens[i];
            if (token.Alignment is null && logEvent.Properties.TryGetValue(token.PropertyName, out var value))
            {
                if (token.Format == FourDecimals && value is ScalarValue { Value: double number }
                    && TryWriteTenThousandths(output, number, allDecimals: true))
                {
                    continue;
                }

                if (TryFormatNumber(value, token.Format, rendering, out var length))
                {
                    WriteQuoted(output, rendering[..length]);
                    continue;
                }
            }

            var scratch = Scratch();
            token.Render(logEvent.Properties, scratch, CultureInfo.InvariantCulture);
            WriteQuoted(output, scratch.ToString());
        }

        Write(output, "]"u8);
    }

    private const string FourDecimals = "0.0000";

    /// <summary>
    /// A double that is a whole number of ten-thousandths below a billion (the request event's
    /// <c>Elapsed</c>, rounded so at the source), written from its integer digits rather than by the
    /// runtime's general double formatting: the same text as "R" (shortest round trip; the number has at
    /// most 13 significant digits, so its shortest form is its own digits) or, quoted, as "0.0000".
    /// Anything else returns false, for the general path.
    /// </summary>
    private static bool TryWriteTenThousandths(ArrayBufferWriter<byte> output, double value, bool allDecimals)
    {
        if (!(value >= 0 && value < 1e9) || double.IsNegative(value))
        {
            return false;
        }

        var tenThousandths = (long)Math.Round(value * 10_000);
        if (tenThousandths / 10_000d != value)
        {
            return false;
        }

        var (whole, fraction) = Math.DivRem(tenThousandths, 10_000);
        var digits = 4;
        while (!allDecimals && digits > 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        var destination = output.GetSpan(20);
        var length = 0;
        if (allDecimals)
        {
            destination[length++] = (byte)'"';
        }

        whole.TryFormat(destination[length..], out var written, default, CultureInfo.InvariantCulture);
        length += written;
        if (digits > 0)
        {
            destination[length++] = (byte)'.';
            for (var position = length + digits - 1; position >= length; position--)
            {
                destination[position] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            length += digits;
        }

        if (allDecimals)
        {
            destination[length++] = (byte)'"';
        }

        output.Advance(length);
        return true;
    }

    // As ScalarValue renders a number with a format: IFormattable.ToString(format, InvariantCulture).
    private static bool TryFormatNumber(LogEventPropertyValue value, string? format, Span<char> destination, out int length)
    {
        length = 0;
        return value is ScalarValue scalar && scalar.Value switch
        {
            double number => number.TryFormat(destination, out length, format, CultureInfo.InvariantCulture),
            int number => number.TryFormat(destination, out length, format, CultureInfo.InvariantCulture),
            long number => number.TryFormat(destination, out length, format, CultureInfo.InvariantCulture),
            _ => false,
        };
    }

    private static void WriteValue(ArrayBufferWriter<byte> output, LogEventPropertyValue value)
    {
        if (value is ScalarValue scalar)
        {
            if (scalar.Value is double tenThousandths && TryWriteTenThousandths(output, tenThousandths, allDecimals: false))
            {
                return;
            }

            var written = scalar.Value switch
            {
                null => Copy("null"u8, output.GetSpan(4)),
                string text => Quote(text, output.GetSpan(MaxQuotedLength(text))),
                int number => number.TryFormat(output.GetSpan(11), out var length, default, CultureInfo.InvariantCulture) ? length : -1,
                long number => number.TryFormat(output.GetSpan(20), out var length, default, CultureInfo.InvariantCulture) ? length : -1,
                double number when double.IsFinite(number) =>
                    number.TryFormat(output.GetSpan(32), out var length, "R", CultureInfo.InvariantCulture) ? length : -1,
                bool flag => Copy(flag ? "true"u8 : "false"u8, output.GetSpan(5)),
                _ => -1,
            };
            if (written >= 0)
            {
                output.Advance(written);
                return;
            }
        }
        else if (value is StructureValue structure)
        {
            WriteStructure(output, structure);
            return;
        }
        else if (value is SequenceValue sequence)
        {
            Write(output, "["u8);
            for (var i = 0; i < sequence.Elements.Count; i++)
            {
                if (i > 0)
                {
                    Write(output, ","u8);
                }

                WriteValue(output, sequence.Elements[i]);
            }

            Write(output, "]"u8);
            return;
        }

        // Other scalars (dates, decimals, NaN...), dictionaries: Serilog's own JSON for them.
        var scratch = Scratch();
        _values.Format(value, scratch);
        Transcode(output, scratch);
    }

    private static void WriteStructure(ArrayBufferWriter<byte> output, StructureValue structure)
    {
        Write(output, "{"u8);
        for (var i = 0; i < structure.Properties.Count; i++)
        {
            if (i > 0)
            {
                Write(output, ","u8);
            }

            var property = structure.Properties[i];
            WriteQuoted(output, property.Name);
            Write(output, ":"u8);
            WriteValue(output, property.Value);
        }

        if (structure.TypeTag is { } typeTag)
        {
            Write(output, structure.Properties.Count > 0 ? ",\"$type\":"u8 : "\"$type\":"u8);
            WriteQuoted(output, typeTag);
        }

        Write(output, "}"u8);
    }

    private static void WriteQuoted(ArrayBufferWriter<byte> output, ReadOnlySpan<char> text) =>
        output.Advance(Quote(text, output.GetSpan(MaxQuotedLength(text))));

    // Each character takes at most 6 bytes (\u001F), and 3 bytes of UTF-8 at most; 2 quotes.
    private static int MaxQuotedLength(ReadOnlySpan<char> text) => (text.Length * 6) + 2;

    /// <summary>A JSON string as JsonValueFormatter writes it: the quote, the backslash and control characters escaped, the rest as is.</summary>
    private static int Quote(ReadOnlySpan<char> text, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        var length = 1 + Escape(text, destination[1..]);
        destination[length] = (byte)'"';
        return length + 1;
    }

    private static int Escape(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var length = 0;
        while (true)
        {
            var next = text.IndexOfAny(_escaped);
            var clean = next < 0 ? text : text[..next];
            if (!clean.IsEmpty)
            {
                length += Encoding.UTF8.GetBytes(clean, destination[length..]);
            }

            if (next < 0)
            {
                return length;
            }

            length += Escaped(text[next], destination[length..]);
            text = text[(next + 1)..];
        }
    }

    private static int Escaped(char character, Span<byte> destination) => character switch
    {
        '"' => Copy("\\\""u8, destination),
        '\\' => Copy("\\\\"u8, destination),
        '\n' => Copy("\\n"u8, destination),
        '\r' => Copy("\\r"u8, destination),
        '\f' => Copy("\\f"u8, destination),
        '\t' => Copy("\\t"u8, destination),
        _ => Copy("\\u"u8, destination) + (((int)character).TryFormat(destination[2..], out var hex, "X4", CultureInfo.InvariantCulture) ? hex : 0),
    };

    private static int Copy(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        utf8.CopyTo(destination);
        return utf8.Length;
    }

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text)
    {
        Ascii.FromUtf16(text, output.GetSpan(text.Length), out var length);
        output.Advance(length);
    }

    private static void Write(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(output.GetSpan(utf8.Length));
        output.Advance(utf8.Length);
    }

    private static StringWriter Scratch()
    {
        var scratch = _scratch ??= new StringWriter(CultureInfo.InvariantCulture);
        scratch.GetStringBuilder().Clear();
        return scratch;
    }

    // Whole, not chunk by chunk: a surrogate pair split between two chunks must stay one character.
    private static void Transcode(ArrayBufferWriter<byte> output, StringWriter scratch)
    {
        var text = scratch.ToString();
        var destination = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, destination));
    }
}
