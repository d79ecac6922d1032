using System.Buffers;
using System.Globalization;
using System.Text;

namespace Kehu.Web.Platform.Export;

/// <summary>
/// Writes CSV as Excel and LibreOffice read it: UTF-8 with a BOM (without one, Excel reads the
/// Chinese as the system code page), RFC 4180 quoting and CRLF line ends. Rows collect in a
/// buffer that is written out, asynchronously, whenever it fills, so a long export streams.
/// </summary>
public sealed class CsvWriter
{
    private const int FlushAt = 32 * 1024;
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");

    private readonly StreamWriter writer;
    private readonly StringBuilder buffer = new(FlushAt + 1024);

    private CsvWriter(Stream stream) =>
        writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);

    /// <summary>Starts a CSV on <paramref name="stream"/> with the BOM.</summary>
    public static async Task<CsvWriter> StartAsync(Stream stream, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.UTF8.Preamble.ToArray(), ct);
        return new CsvWriter(stream);
    }

    /// <summary>A row of text (a title, the headers).</summary>
    public void TextRow(IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) buffer.Append(',');
            first = false;
            AppendText(cell);
        }
        buffer.Append("\r\n");
    }

    /// <summary>A row of values, each written as its column's kind says.</summary>
    public void Row(IReadOnlyList<object?> cells, IReadOnlyList<ExportKind> kinds)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) buffer.Append(',');
            AppendValue(cells[i], kinds[i]);
        }
        buffer.Append("\r\n");
    }

    public void BlankRow() => buffer.Append("\r\n");

    /// <summary>Writes the buffer out once it holds enough to be worth a write.</summary>
    public ValueTask FlushIfFullAsync(CancellationToken ct) => buffer.Length >= FlushAt ? new ValueTask(FlushAsync(ct)) : ValueTask.CompletedTask;

    public async Task FlushAsync(CancellationToken ct)
    {
        await writer.WriteAsync(buffer, ct);
        await writer.FlushAsync(ct);
        buffer.Clear();
    }

    /// <summary>A cell's text as the file holds it, quoted where RFC 4180 says so; text that a
    /// spreadsheet would take for a formula is guarded (<see cref="FormulaGuard"/>).</summary>
    public static string Field(string? text)
    {
        var b = new StringBuilder();
        AppendText(text, b);
        return b.ToString();
    }

    private void AppendValue(object? value, ExportKind kind)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                AppendText(text);
                return;
            case decimal d:
                buffer.Append(d.ToString(CultureInfo.InvariantCulture));
                return;
            case double d:
                buffer.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            case DateTime at:
                buffer.Append(at.ToString(kind == ExportKind.Date ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                return;
            case DateOnly day:
                buffer.Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return;
            case IFormattable number:
                buffer.Append(number.ToString(null, CultureInfo.InvariantCulture));
                return;
            default:
                AppendText(value.ToString());
                return;
        }
    }

    private void AppendText(string? text) => AppendText(text, buffer);

    private static void AppendText(string? text, StringBuilder into)
    {
        if (string.IsNullOrEmpty(text)) return;
        var guarded = FormulaGuard.IsRisky(text);
        if (!guarded && text.AsSpan().IndexOfAny(Special) < 0)
        {
            into.Append(text);
            return;
        }
        var quote = text.AsSpan().IndexOfAny(Special) >= 0;
        if (quote) into.Append('"');
        if (guarded) into.Append(FormulaGuard.Prefix);
        foreach (var ch in text)
        {
            if (ch == '"') into.Append('"');
            into.Append(ch);
        }
        if (quote) into.Append('"');
    }
}

/// <summary>
/// Text that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is what
/// a spreadsheet may run as a formula (LibreOffice does, when told to evaluate formulas in a CSV,
/// even inside quotes). In a CSV such text gets a leading apostrophe, which makes both Excel and
/// LibreOffice keep it as text; the apostrophe shows. In an .xlsx no guard is needed: text is
/// written as a string cell, which neither program runs.
/// </summary>
public static class FormulaGuard
{
    public const char Prefix = '\'';

    public static bool IsRisky(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
