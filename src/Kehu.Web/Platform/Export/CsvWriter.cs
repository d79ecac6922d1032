using System.Buffers;
using System.Globalization;
using System.Text;
using Kehu.Web.Platform.Data;

namespace Kehu.Web.Platform.Export;

/// <summary>
/// Writes CSV as Excel and LibreOffice read it: UTF-8 with a BOM (without one, Excel reads the
/// Chinese as the system code page), RFC 4180 quoting and CRLF line ends. Cells are encoded
/// straight into a pooled UTF-8 buffer (numbers and dates formatted in place, no string per
/// cell), which is written out, asynchronously, whenever it fills, so a long export streams.
/// </summary>
public sealed class CsvWriter : IDisposable
{
    private const int FlushAt = 64 * 1024;
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream stream;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(FlushAt + 16 * 1024);
    private int length;
    private bool first = true;
    private ICellWriter? plain;

    private CsvWriter(Stream stream) => this.stream = stream;

    /// <summary>Starts a CSV on <paramref name="stream"/> with the BOM.</summary>
    public static async Task<CsvWriter> StartAsync(Stream stream, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.UTF8.Preamble.ToArray(), ct);
        return new CsvWriter(stream);
    }

    /// <summary>A row of text (a title, the headers).</summary>
    public void TextRow(IEnumerable<string?> cells)
    {
        foreach (var cell in cells) Text(cell);
        EndRow();
    }

    /// <summary>A row of values, each written as its column's kind says.</summary>
    public void Row(IReadOnlyList<object?> cells, IReadOnlyList<ExportKind> kinds)
    {
        var writer = plain ??= new CellWriter(this, null);
        for (var i = 0; i < cells.Count; i++) writer.Value(cells[i], kinds[i]);
        EndRow();
    }

    /// <summary>Typed cells into this CSV; an instant (<see cref="ExportKind.DateTime"/>, UTC) is written
    /// in <paramref name="zone"/>'s time, or as given without one.</summary>
    public ICellWriter Cells(CompanyTimeZone? zone) => new CellWriter(this, zone);

    private sealed class CellWriter(CsvWriter csv, CompanyTimeZone? zone) : ICellWriter
    {
        public void Text(string? text) => csv.Text(text);
        public void Number(decimal value, ExportKind kind)
        {
            if (kind == ExportKind.Money) csv.Money(value);
            else csv.Number(value);
        }
        public void Number(long value, ExportKind kind) => csv.Number(value);
        public void Number(double value, ExportKind kind) => csv.Number(value);
        public void Date(DateTime value, ExportKind kind) =>
            csv.Date(kind == ExportKind.DateTime && zone is not null ? zone.ToLocal(value) : value, dateOnly: kind == ExportKind.Date);
        public void Date(DateOnly value) => csv.Date(value);
        public void Empty() => csv.Empty();
    }

    public void BlankRow() => EndRow();

    /// <summary>Ends the row whose cells were written one by one.</summary>
    public void EndRow()
    {
        Ensure(2);
        buffer[length++] = (byte)'\r';
        buffer[length++] = (byte)'\n';
        first = true;
    }

    /// <summary>A text cell: quoted where RFC 4180 says so, guarded where a spreadsheet would run it.</summary>
    public void Text(string? text)
    {
        Separator();
        if (string.IsNullOrEmpty(text)) return;
        var guarded = FormulaGuard.IsRisky(text);
        var quote = text.AsSpan().IndexOfAny(Special) >= 0;
        // A doubled quote takes two bytes for one char, within UTF-8's worst case of three a char.
        Ensure(Utf8.GetMaxByteCount(text.Length) + 3);
        if (!guarded && !quote)
        {
            length += Utf8.GetBytes(text, buffer.AsSpan(length));
            return;
        }
        if (quote) buffer[length++] = (byte)'"';
        if (guarded) buffer[length++] = (byte)FormulaGuard.Prefix;
        var rest = text.AsSpan();
        int at;
        while ((at = rest.IndexOf('"')) >= 0)
        {
            length += Utf8.GetBytes(rest[..(at + 1)], buffer.AsSpan(length));
            buffer[length++] = (byte)'"';
            rest = rest[(at + 1)..];
        }
        length += Utf8.GetBytes(rest, buffer.AsSpan(length));
        if (quote) buffer[length++] = (byte)'"';
    }

    public void Number(decimal value) => Number(value, default);

    private void Number(decimal value, ReadOnlySpan<char> format)
    {
        Separator();
        Ensure(32);
        value.TryFormat(buffer.AsSpan(length), out var written, format, CultureInfo.InvariantCulture);
        length += written;
    }

    /// <summary>An amount with at least two decimals, never rounded: a stored 200.0 is written 200.00,
    /// 0.125 stays 0.125.</summary>
    public void Money(decimal value) => Number(value, decimal.Round(value, 2) == value ? "F2" : default);

    public void Number(long value)
    {
        Separator();
        Ensure(24);
        value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
        length += written;
    }

    public void Number(double value)
    {
        Separator();
        Ensure(32);
        value.TryFormat(buffer.AsSpan(length), out var written, "R", CultureInfo.InvariantCulture);
        length += written;
    }

    /// <summary>yyyy-MM-dd, or yyyy-MM-dd HH:mm:ss unless <paramref name="dateOnly"/>.</summary>
    public void Date(DateTime value, bool dateOnly)
    {
        Separator();
        Ensure(19);
        var span = buffer.AsSpan(length);
        Day(span, value.Year, value.Month, value.Day);
        if (dateOnly)
        {
            length += 10;
            return;
        }
        span[10] = (byte)' ';
        Two(span[11..], value.Hour);
        span[13] = (byte)':';
        Two(span[14..], value.Minute);
        span[16] = (byte)':';
        Two(span[17..], value.Second);
        length += 19;
    }

    public void Date(DateOnly value)
    {
        Separator();
        Ensure(10);
        Day(buffer.AsSpan(length), value.Year, value.Month, value.Day);
        length += 10;
    }

    /// <summary>An empty cell.</summary>
    public void Empty() => Separator();

    /// <summary>Writes the buffer out once it holds enough to be worth a write.</summary>
    public ValueTask FlushIfFullAsync(CancellationToken ct) => length >= FlushAt ? new ValueTask(FlushAsync(ct)) : ValueTask.CompletedTask;

    public async Task FlushAsync(CancellationToken ct)
    {
        if (length > 0) await stream.WriteAsync(buffer.AsMemory(0, length), ct);
        await stream.FlushAsync(ct);
        length = 0;
    }

    public void Dispose()
    {
        var rented = buffer;
        buffer = [];
        length = 0;
        if (rented.Length > 0) ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>A cell's text as the file holds it, quoted where RFC 4180 says so; text that a
    /// spreadsheet would take for a formula is guarded (<see cref="FormulaGuard"/>).</summary>
    public static string Field(string? text)
    {
        using var csv = new CsvWriter(Stream.Null);
        csv.Text(text);
        return Utf8.GetString(csv.buffer, 0, csv.length);
    }

    private void Separator()
    {
        if (first)
        {
            first = false;
            return;
        }
        Ensure(1);
        buffer[length++] = (byte)',';
    }

    private void Ensure(int bytes)
    {
        if (length + bytes <= buffer.Length) return;
        // Only a cell larger than the headroom (a long note) gets here: the buffer grows to hold it.
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    private static void Day(Span<byte> span, int year, int month, int day)
    {
        Two(span, year / 100);
        Two(span[2..], year % 100);
        span[4] = (byte)'-';
        Two(span[5..], month);
        span[7] = (byte)'-';
        Two(span[8..], day);
    }

    private static void Two(Span<byte> span, int value)
    {
        span[0] = (byte)('0' + value / 10);
        span[1] = (byte)('0' + value % 10);
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
