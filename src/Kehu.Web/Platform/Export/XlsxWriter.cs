using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Kehu.Web.Platform.Data;

namespace Kehu.Web.Platform.Export;

/// <summary>
/// Writes a list's export as a one-sheet .xlsx, streamed: the sheet's XML is encoded row by row
/// into a buffer, deflated into a zip held in memory only until it is written out (asynchronously)
/// to the response, so memory stays flat and the download starts with the first rows. Text and
/// codes are inline string cells (never a formula, so a leading <c>=</c> needs no guard), figures
/// numeric cells, dates numeric cells with a date format (ADR 0018 says why this is not MiniExcel).
/// </summary>
public static class XlsxWriter
{
    private const int FlushAt = 64 * 1024;
    private const string SheetName = "Sheet1";

    /// <summary>The workbook of <paramref name="rows"/> under <paramref name="headers"/>.</summary>
    public static async Task WriteAsync<T>(Stream output, IReadOnlyList<string> headers, IReadOnlyList<ExportColumn<T>> columns,
        IAsyncEnumerable<T> rows, CompanyTimeZone zone, CancellationToken ct)
    {
        var zipped = new Outbox();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", ContentTypes);
            Part(zip, "_rels/.rels", PackageRels);
            Part(zip, "xl/workbook.xml", Workbook);
            Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRels);
            Part(zip, "xl/styles.xml", Styles);
            using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
            using (var xml = new SheetXml(sheet, zone))
            {
                xml.Raw(SheetStart);
                // Dates get room to show (an empty <cols> is not allowed).
                var dated = Enumerable.Range(0, columns.Count).Where(i => columns[i].Kind is ExportKind.Date or ExportKind.DateTime).ToList();
                if (dated.Count > 0)
                {
                    xml.Raw("<cols>");
                    foreach (var i in dated)
                        xml.Raw($"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{(columns[i].Kind == ExportKind.Date ? 12 : 20)}\" customWidth=\"1\"/>");
                    xml.Raw("</cols>");
                }
                xml.Raw("<sheetData>");
                xml.StartRow();
                foreach (var header in headers) xml.Text(header);
                xml.EndRow();
                await foreach (var row in rows.WithCancellation(ct))
                {
                    xml.StartRow();
                    foreach (var column in columns) column.Write(row, xml);
                    xml.EndRow();
                    if (xml.Pending >= FlushAt)
                    {
                        xml.WriteOut();
                        if (zipped.Length >= FlushAt) await zipped.SendAsync(output, ct);
                    }
                }
                xml.Raw("</sheetData></worksheet>");
                xml.WriteOut();
            }
        }
        await zipped.SendAsync(output, ct);
        await output.FlushAsync(ct);
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var part = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        part.Write(Encoding.UTF8.GetBytes(xml));
    }

    /// <summary>One row's cells as SpreadsheetML, encoded into a pooled buffer that goes into the
    /// sheet's (deflating) stream in large pieces.</summary>
    private sealed class SheetXml(Stream sheet, CompanyTimeZone zone) : ICellWriter, IDisposable
    {
        private const byte DateStyle = 1, DateTimeStyle = 2;
        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
        private static readonly SearchValues<char> Escaped = SearchValues.Create("&<>\uFFFE\uFFFF\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

        private byte[] buffer = ArrayPool<byte>.Shared.Rent(FlushAt + 16 * 1024);
        private int length;
        private int row;
        private int column;

        public int Pending => length;

        public void StartRow()
        {
            row++;
            column = 0;
            Raw("<row r=\"");
            Integer(row);
            Raw("\">");
        }

        public void EndRow() => Raw("</row>");

        public void Text(string? text)
        {
            column++;
            if (string.IsNullOrEmpty(text)) return;
            Start();
            // Without xml:space a reader drops white space at either end of the text.
            Raw(char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" : "\" t=\"inlineStr\"><is><t>");
            Escape(text);
            Raw("</t></is></c>");
        }

        public void Number(decimal value, ExportKind kind)
        {
            if (kind is ExportKind.Text or ExportKind.Code)
            {
                Text(value.ToString(CultureInfo.InvariantCulture));
                return;
            }
            column++;
            Start();
            Raw("\"><v>");
            Ensure(32);
            value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
            length += written;
            Raw("</v></c>");
        }

        public void Number(long value, ExportKind kind)
        {
            if (kind is ExportKind.Text or ExportKind.Code)
            {
                Text(value.ToString(CultureInfo.InvariantCulture));
                return;
            }
            column++;
            Start();
            Raw("\"><v>");
            Integer(value);
            Raw("</v></c>");
        }

        public void Date(DateTime value, ExportKind kind) =>
            Serial((kind == ExportKind.DateTime ? zone.ToLocal(value) : value).ToOADate(), kind == ExportKind.Date ? DateStyle : DateTimeStyle);

        public void Date(DateOnly value) => Serial(value.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle);

        public void Empty() => column++;

        public void Value(object? value, ExportKind kind)
        {
            switch (value)
            {
                case null:
                    Empty();
                    return;
                case string text:
                    Text(text);
                    return;
                case DateTime at:
                    Date(at, kind);
                    return;
                case DateOnly day:
                    Date(day);
                    return;
                case decimal d:
                    Number(d, kind);
                    return;
                case long or int or short or byte or sbyte or ushort or uint:
                    Number(Convert.ToInt64(value, CultureInfo.InvariantCulture), kind);
                    return;
                case double or float when kind is not (ExportKind.Text or ExportKind.Code):
                    column++;
                    Start();
                    Raw("\"><v>");
                    Raw(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                    Raw("</v></c>");
                    return;
                default:
                    Text(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
        }

        /// <summary>Hands what is encoded to the sheet's stream.</summary>
        public void WriteOut()
        {
            sheet.Write(buffer, 0, length);
            length = 0;
        }

        public void Raw(string ascii)
        {
            Ensure(ascii.Length);
            length += Encoding.ASCII.GetBytes(ascii, buffer.AsSpan(length));
        }

        public void Dispose()
        {
            var rented = buffer;
            buffer = [];
            if (rented.Length > 0) ArrayPool<byte>.Shared.Return(rented);
        }

        private void Serial(double serial, byte style)
        {
            column++;
            Start();
            Raw(style == DateStyle ? "\" s=\"1\"><v>" : "\" s=\"2\"><v>");
            Ensure(32);
            serial.TryFormat(buffer.AsSpan(length), out var written, "R", CultureInfo.InvariantCulture);
            length += written;
            Raw("</v></c>");
        }

        /// <summary><c>&lt;c r="B7</c>: the cell's reference, the attribute left open.</summary>
        private void Start()
        {
            Raw("<c r=\"");
            Ensure(16);
            Span<byte> letters = stackalloc byte[4];
            var count = 0;
            for (var n = column; n > 0; n = (n - 1) / 26) letters[count++] = (byte)('A' + (n - 1) % 26);
            while (count > 0) buffer[length++] = letters[--count];
            Integer(row);
        }

        private void Integer(long value)
        {
            Ensure(24);
            value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
            length += written;
        }

        /// <summary>Text as XML content: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> escaped; the control
        /// characters XML 1.0 has no place for (pasted from elsewhere) left out, else the whole
        /// file would be unreadable.</summary>
        private void Escape(string text)
        {
            var rest = text.AsSpan();
            // &amp; is five bytes for one char, more than UTF-8's three.
            Ensure(Utf8.GetMaxByteCount(text.Length) + 2 * text.Length);
            int at;
            while ((at = rest.IndexOfAny(Escaped)) >= 0)
            {
                length += Utf8.GetBytes(rest[..at], buffer.AsSpan(length));
                var entity = rest[at] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => "" };
                length += Encoding.ASCII.GetBytes(entity, buffer.AsSpan(length));
                rest = rest[(at + 1)..];
            }
            length += Utf8.GetBytes(rest, buffer.AsSpan(length));
        }

        private void Ensure(int bytes)
        {
            if (length + bytes <= buffer.Length) return;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes));
            buffer.AsSpan(0, length).CopyTo(larger);
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
    }

    /// <summary>The zip's bytes as written (synchronously, by <see cref="ZipArchive"/>), kept until
    /// they are sent on asynchronously: the response stream takes no synchronous writes.</summary>
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

    private const string ContentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
        "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
        "</Types>";

    private const string PackageRels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
        "</Relationships>";

    private const string Workbook =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
        "<sheets><sheet name=\"" + SheetName + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>" +
        "</workbook>";

    private const string WorkbookRels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
        "</Relationships>";

    // Style 1 is a date, 2 a date and time (the formats MiniExcel wrote before).
    private const string Styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
        "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/><numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>" +
        "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>" +
        "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
        "<cellXfs count=\"3\">" +
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
        "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" +
        "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" +
        "</cellXfs>" +
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>" +
        "</styleSheet>";

    private const string SheetStart =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
}
