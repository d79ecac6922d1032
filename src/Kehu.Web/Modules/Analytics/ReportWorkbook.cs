using System.Globalization;
using Kehu.Web.Platform.Export;
using MiniExcelLibs;

namespace Kehu.Web.Modules.Analytics;

/// <summary>
/// Writes a report's tables to an .xlsx, one sheet per table, or to a .csv, one table after another
/// (its title, its headers, its rows, a blank row), with the headers in the user's language.
/// Figures stay numbers (a share as a percentage number, the header says %); a drill-down link is
/// left out.
/// </summary>
public static class ReportWorkbook
{
    public static byte[] Write(ReportView view, string totalLabel)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var table in view.Tables)
        {
            var headers = Headers(table);
            var rows = table.Rows.Select(r => Row(headers, table, r)).ToList();
            if (table.Total is { } total) rows.Add(Row(headers, table, total with { Cells = [totalLabel, .. total.Cells.Skip(1)] }));
            if (rows.Count == 0) rows.Add(headers.ToDictionary(h => h, _ => (object?)null));
            sheets[SheetName(table.Title, sheets.Keys)] = rows;
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The tables one after another through the lists' CSV writer (BOM, quoting, formula guard).</summary>
    public static async Task WriteCsvAsync(Stream stream, ReportView view, string totalLabel, CancellationToken ct)
    {
        using var csv = await CsvWriter.StartAsync(stream, ct);
        foreach (var table in view.Tables)
        {
            var headers = Headers(table);
            var kinds = table.Columns.Select(c => c.Format switch
            {
                CellFormat.Text => ExportKind.Text,
                CellFormat.Money => ExportKind.Money,
                _ => ExportKind.Number,
            }).ToList();
            csv.TextRow([table.Title]);
            csv.TextRow(headers);
            foreach (var row in table.Rows) csv.Row(Values(table, row), kinds);
            if (table.Total is { } total) csv.Row(Values(table, total with { Cells = [totalLabel, .. total.Cells.Skip(1)] }), kinds);
            csv.BlankRow();
            await csv.FlushIfFullAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    /// <summary>The report as a file, as the page's export and the API's <c>format=</c> both return it.</summary>
    public static ExportResponse Response(ReportView view, ExportFormat format, string totalLabel) =>
        new(FileName(view, format), format, format == ExportFormat.Xlsx
            ? (stream, token) => stream.WriteAsync(Write(view, totalLabel), token).AsTask()
            : (stream, token) => WriteCsvAsync(stream, view, totalLabel, token));

    public static string FileName(ReportView view, ExportFormat format = ExportFormat.Xlsx) =>
        $"{view.Title}-{view.Period.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{view.Period.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.{format.Extension()}";

    private static List<string> Headers(ReportTable table) =>
        ExportHeaders.Distinct(table.Columns.Select(c => c.Format == CellFormat.Percent ? c.Label + " (%)" : c.Label));

    private static Dictionary<string, object?> Row(List<string> headers, ReportTable table, ReportRow row)
    {
        var cells = Values(table, row);
        var values = new Dictionary<string, object?>(headers.Count);
        for (var i = 0; i < headers.Count; i++) values[headers[i]] = cells[i];
        return values;
    }

    private static object?[] Values(ReportTable table, ReportRow row)
    {
        var values = new object?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = i < row.Cells.Count ? row.Cells[i].Value : null;
            values[i] = table.Columns[i].Format == CellFormat.Percent && value is decimal share
                ? decimal.Round(share * 100, 2, MidpointRounding.AwayFromZero)
                : value;
        }
        return values;
    }

    /// <summary>Excel's sheet names: at most 31 characters, none of []:*?/\, unique.</summary>
    private static string SheetName(string title, IEnumerable<string> taken)
    {
        var clean = new string(title.Where(ch => "[]:*?/\\".IndexOf(ch) < 0).ToArray());
        if (clean.Length > 28) clean = clean[..28];
        var name = clean;
        for (var n = 2; taken.Contains(name); n++) name = $"{clean}{n}";
        return name;
    }
}
