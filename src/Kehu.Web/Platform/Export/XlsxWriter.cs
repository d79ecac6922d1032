using System.Buffers;
using Kehu.Web.Platform.Data;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Kehu.Web.Platform.Export;

/// <summary>
/// Writes a list's export as a one-sheet .xlsx with SpreadCheetah, row by row as the walk reads
/// them, so memory stays flat and the download starts with the first rows. Text and codes are
/// string cells (never a formula, so a leading <c>=</c> needs no guard), figures numeric cells,
/// dates numeric cells with a date format (ADR 0018).
/// </summary>
public static class XlsxWriter
{
    private const int SendAt = 64 * 1024;
    private const string SheetName = "Sheet1";

    /// <summary>The workbook of <paramref name="rows"/> under <paramref name="headers"/>.</summary>
    public static async Task WriteAsync<T>(Stream output, IReadOnlyList<string> headers, IReadOnlyList<ExportColumn<T>> columns,
        IAsyncEnumerable<T> rows, CompanyTimeZone zone, CancellationToken ct)
    {
        var outbox = new Outbox();
        await using (var book = await Spreadsheet.CreateNewAsync(outbox, new SpreadCheetahOptions { BufferSize = SendAt }, ct))
        {
            var sheet = new WorksheetOptions();
            for (var i = 0; i < columns.Count; i++)
            {
                // Dates get room to show.
                if (columns[i].Kind is ExportKind.Date) sheet.Column(i + 1).Width = 12;
                else if (columns[i].Kind is ExportKind.DateTime) sheet.Column(i + 1).Width = 20;
            }
            await book.StartWorksheetAsync(SheetName, sheet, ct);
            var cells = new RowCells(columns.Count, zone,
                book.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") }),
                book.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd hh:mm:ss") }),
                book.AddStyle(new Style { Format = NumberFormat.Custom("#,##0.00") }));
            await book.AddRowAsync(headers.Select(h => new Cell(h)).ToArray(), ct);
            await foreach (var row in rows.WithCancellation(ct))
            {
                cells.Start();
                foreach (var column in columns) column.Write(row, cells);
                await book.AddRowAsync(cells.Row, ct);
                if (outbox.Length >= SendAt) await outbox.SendAsync(output, ct);
            }
            await book.FinishAsync(ct);
        }
        await outbox.SendAsync(output, ct);
        await output.FlushAsync(ct);
    }

    /// <summary>One row's cells, reused from row to row.</summary>
    private sealed class RowCells(int count, CompanyTimeZone zone, StyleId date, StyleId dateTime, StyleId money) : ICellWriter
    {
        private int next;

        public Cell[] Row { get; } = new Cell[count];

        public void Start() => next = 0;

        public void Text(string? text) => Row[next++] = new Cell(text);

        public void Number(decimal value, ExportKind kind) =>
            Row[next++] = AsText(kind) ? new Cell(value.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : kind == ExportKind.Money ? new Cell(value, money)
                : new Cell(value);

        public void Number(long value, ExportKind kind) =>
            Row[next++] = AsText(kind) ? new Cell(value.ToString(System.Globalization.CultureInfo.InvariantCulture)) : new Cell(value);

        public void Number(double value, ExportKind kind) =>
            Row[next++] = AsText(kind) ? new Cell(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)) : new Cell(value);

        public void Date(DateTime value, ExportKind kind) =>
            Row[next++] = kind == ExportKind.DateTime ? new Cell(zone.ToLocal(value), dateTime) : new Cell(value, date);

        public void Date(DateOnly value) => Row[next++] = new Cell(value.ToDateTime(TimeOnly.MinValue), date);

        public void Empty() => Row[next++] = default;

        /// <summary>Codes (and figures shown as text) stay text: no leading zero lost, no 1.2E+12.</summary>
        private static bool AsText(ExportKind kind) => kind is ExportKind.Text or ExportKind.Code;
    }

    /// <summary>The package's bytes as SpreadCheetah writes them (the zip's headers synchronously),
    /// kept until they are sent on asynchronously: the response stream takes no synchronous writes.</summary>
    private sealed class Outbox : Stream
    {
        private readonly MemoryStream pending = new();
        private long written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => pending.Length;
        public override long Position { get => written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            pending.Write(buffer);
            written += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public async Task SendAsync(Stream output, CancellationToken ct)
        {
            if (pending.Length == 0) return;
            await output.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
            pending.SetLength(0);
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
