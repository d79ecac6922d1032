using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Csv;

namespace Kehu.Web.Modules.Imports;

/// <summary>A file that cannot be imported at all; the message is a resource key and its arguments.</summary>
public sealed class ImportFileException(string key, params object[] args) : Exception(key)
{
    public string Key { get; } = key;
    public object[] Args { get; } = args;
}

/// <summary>One data row: its row number in the file (the header is row 1) and its cells
/// (text from a .csv; text, numbers, dates or booleans from an .xlsx).</summary>
public sealed record RawRow(int Number, object?[] Cells);

/// <summary>What the first pass over a file found: its headers, encoding and non-empty data rows.</summary>
public sealed record FileShape(IReadOnlyList<string> Headers, string Format, string? Encoding, int Rows);

/// <summary>Reads .xlsx and .csv files with MiniExcel, one row at a time (a file is never held in
/// memory whole). A .csv's encoding is a BOM's, else UTF-8 if the whole file decodes strictly as
/// UTF-8, else GB18030 (which covers GBK) if it decodes strictly as that, else refused.</summary>
public static class ImportFileReader
{
    /// <summary>The row limit of an Excel sheet: more data rows than this are refused.</summary>
    public const int MaxRows = 1_048_576;

    public static readonly string[] Formats = ["xlsx", "csv"];

    static ImportFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>UTF-8 for reading: the reader skips a BOM when there is one.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static string? FormatOf(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch { ".xlsx" => "xlsx", ".csv" => "csv", _ => null };

    /// <summary>The first pass: the encoding, the header, every row's column count and the row count.
    /// Throws <see cref="ImportFileException"/> for a file that cannot be imported.</summary>
    public static FileShape Inspect(string path, string format)
    {
        var encoding = format == "csv" ? DetectEncoding(path) : null;
        IReadOnlyList<string>? headers = null;
        var rows = 0;
        foreach (var row in Read(path, format, encoding, h => headers = h))
        {
            if (++rows > MaxRows) throw new ImportFileException("文件超过 {0} 行数据，不能导入", MaxRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (headers is null) throw new ImportFileException("文件是空的或没有表头行");
        return new FileShape(headers, format, encoding?.WebName.ToUpperInvariant() switch { null => null, "UTF-8" => "UTF-8", _ => "GB18030" }, rows);
    }

    /// <summary>The data rows, skipping empty ones; <paramref name="onHeader"/> gets the header row.</summary>
    public static IEnumerable<RawRow> Read(string path, string format, Encoding? encoding, Action<IReadOnlyList<string>>? onHeader = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        IEnumerator<IDictionary<string, object>> rows;
        var columns = 0;
        try
        {
            rows = format == "csv"
                ? MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.CSV, configuration: CsvSettings(encoding ?? Encoding.UTF8, () => columns)).Cast<IDictionary<string, object>>().GetEnumerator()
                : MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().GetEnumerator();
        }
        catch (Exception e) when (e is not OperationCanceledException and not ImportFileException)
        {
            throw Corrupt(format);
        }
        using (rows)
        {
            var number = 0;
            string[]? headers = null;
            while (true)
            {
                IDictionary<string, object> row;
                try
                {
                    if (!rows.MoveNext()) break;
                    row = rows.Current;
                }
                catch (Exception e) when (e is not OperationCanceledException and not ImportFileException)
                {
                    if (format == "csv" && headers is not null) throw WrongColumns(number + 1, headers.Length);
                    throw Corrupt(format);
                }
                number++;
                var cells = row.Values.Select(v => v is string s && s.Length == 0 ? null : v).ToArray();
                if (headers is null)
                {
                    headers = [.. cells.Select(c => ImportValues.Text(c) ?? "")];
                    while (headers.Length > 0 && headers[^1].Length == 0) headers = headers[..^1];
                    if (headers.Length == 0) throw new ImportFileException("文件是空的或没有表头行");
                    columns = format == "csv" ? cells.Length : headers.Length;
                    onHeader?.Invoke(headers);
                    continue;
                }
                if (format == "csv" && cells.Length != columns) throw WrongColumns(number, columns);
                if (cells.All(c => c is null || c is string s && string.IsNullOrWhiteSpace(s))) continue;
                if (cells.Length > headers.Length) cells = cells[..headers.Length];
                else if (cells.Length < headers.Length) Array.Resize(ref cells, headers.Length);
                yield return new RawRow(number, cells);
            }
        }
    }

    private static ImportFileException Corrupt(string format) =>
        format == "xlsx"
            ? new ImportFileException("文件已损坏或不是有效的 .xlsx 文件")
            : new ImportFileException("无法读取该 .csv 文件");

    private static ImportFileException WrongColumns(int row, int columns) =>
        new("第 {0} 行的列数与表头（{1} 列）不一致", row, columns);

    private static CsvConfiguration CsvSettings(Encoding encoding, Func<int> columns) => new()
    {
        StreamReaderFunc = s => new StreamReader(s, encoding, detectEncodingFromByteOrderMarks: false),
        ReadLineBreaksWithinQuotes = true,
        // A line break inside quotes is kept as \n, whatever the file used.
        NewLine = "\n",
        // An empty line is an empty row of the header's width, not a one-column row.
        SplitFn = line => line.Length == 0 && columns() > 0 ? new string[columns()] : SplitCsv(line),
    };

    /// <summary>One RFC 4180 record: commas separate, double quotes quote, "" is a quote.</summary>
    public static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else quoted = false;
                }
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }

    /// <summary>The encoding of a .csv: BOM, else strict UTF-8, else strict GB18030, else refused.</summary>
    public static Encoding DetectEncoding(string path)
    {
        using (var head = File.OpenRead(path))
        {
            Span<byte> bom = stackalloc byte[3];
            var n = head.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
            if (n == 0) throw new ImportFileException("文件是空的或没有表头行");
            if (n == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) return Utf8;
            if (n >= 2 && (bom[0], bom[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
                throw new ImportFileException("无法识别文件的编码，请另存为 UTF-8 或 GBK 编码的 .csv 文件");
        }
        if (DecodesStrictly(path, new UTF8Encoding(false, throwOnInvalidBytes: true))) return Utf8;
        var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        if (DecodesStrictly(path, gb)) return Encoding.GetEncoding("GB18030");
        throw new ImportFileException("无法识别文件的编码，请另存为 UTF-8 或 GBK 编码的 .csv 文件");
    }

    /// <summary>Decodes the whole file in blocks; text with a NUL or another C0 control other than
    /// tab and line ends is not text whatever its encoding.</summary>
    private static bool DecodesStrictly(string path, Encoding encoding)
    {
        using var stream = File.OpenRead(path);
        var decoder = encoding.GetDecoder();
        var bytes = new byte[65536];
        var chars = new char[encoding.GetMaxCharCount(bytes.Length) + 4];
        try
        {
            int n;
            while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                var count = decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                if (HasControl(chars.AsSpan(0, count))) return false;
            }
            var last = decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return !HasControl(chars.AsSpan(0, last));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool HasControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c is not ('\t' or '\r' or '\n')) return true;
        }
        return false;
    }
}
