using System.Data;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Kehu.Web.Platform.Export;

/// <summary>
/// Writes one sheet with MiniExcel, which takes rows one at a time (memory stays flat however many
/// there are). Text and codes are string cells (MiniExcel never writes a string as a formula, so a
/// leading <c>=</c> needs no guard here), figures numeric cells, dates date cells. MiniExcel writes
/// synchronously, so it runs on a pool thread into a temporary file (deleted on close), which is
/// then copied to the response asynchronously: the response stream takes no synchronous writes.
/// </summary>
public static class XlsxWriter
{
    private const string DateFormat = "yyyy-mm-dd";
    private const string DateTimeFormat = "yyyy-mm-dd hh:mm:ss";

    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IReadOnlyList<ExportKind> kinds, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kehu-export-{Guid.NewGuid():N}.xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await using (var e = rows.GetAsyncEnumerator(ct))
        {
            var any = await e.MoveNextAsync();
            var configuration = Configuration(headers, kinds);
            await Task.Run(() =>
            {
                if (any) file.SaveAs(Rows(e, headers, kinds), excelType: ExcelType.XLSX, configuration: configuration);
                else file.SaveAs(Empty(headers), excelType: ExcelType.XLSX, configuration: configuration);
            }, ct);
        }
        file.Position = 0;
        await file.CopyToAsync(output, 64 * 1024, ct);
    }

    private static OpenXmlConfiguration Configuration(IReadOnlyList<string> headers, IReadOnlyList<ExportKind> kinds) => new()
    {
        // Auto width and a table style cost time on every row; FastMode keeps every row in memory.
        EnableAutoWidth = false,
        AutoFilter = false,
        TableStyles = TableStyles.None,
        DynamicColumns = headers.Select((h, i) => kinds[i] switch
            {
                ExportKind.Date => new DynamicExcelColumn(h) { Format = DateFormat, Width = 12 },
                ExportKind.DateTime => new DynamicExcelColumn(h) { Format = DateTimeFormat, Width = 20 },
                _ => null,
            })
            .OfType<DynamicExcelColumn>()
            .ToArray(),
    };

    /// <summary>The rows MiniExcel pulls, read on from the first (already fetched) by waiting on
    /// the asynchronous reader: this runs on a pool thread of its own.</summary>
    private static IEnumerable<IDictionary<string, object?>> Rows(IAsyncEnumerator<object?[]> e, IReadOnlyList<string> headers, IReadOnlyList<ExportKind> kinds)
    {
        do
        {
            var row = new Dictionary<string, object?>(headers.Count);
            for (var i = 0; i < headers.Count; i++) row[headers[i]] = Cell(e.Current[i], kinds[i]);
            yield return row;
        }
        while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult());
    }

    private static DataTable Empty(IReadOnlyList<string> headers)
    {
        var table = new DataTable();
        foreach (var h in headers) table.Columns.Add(h, typeof(string));
        return table;
    }

    private static object? Cell(object? value, ExportKind kind) => value switch
    {
        null => null,
        string text => XmlSafe(text),
        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
        DateTime => value,
        _ when kind is ExportKind.Text or ExportKind.Code => XmlSafe(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        _ => value,
    };

    /// <summary>XML 1.0 has no place for most control characters; a cell that holds one (pasted
    /// from elsewhere) would make the whole file unreadable, so they are left out.</summary>
    private static string XmlSafe(string text)
    {
        foreach (var ch in text)
        {
            if (ch < ' ' && ch is not ('\t' or '\n' or '\r') || ch is '\uFFFE' or '\uFFFF')
                return new string(text.Where(c => !(c < ' ' && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF')).ToArray());
        }
        return text;
    }
}
