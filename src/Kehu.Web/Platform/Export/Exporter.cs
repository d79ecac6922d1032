using System.Globalization;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Platform.Export;

/// <summary>
/// Turns a list into a file: parses <c>format</c>, walks the list's handler page by page
/// (<see cref="KeysetWalk"/>), writes each row's cells as its column's kind says, with the headers
/// in the user's language and the file named after the list and today's date (客户信息-20261127.xlsx).
/// </summary>
public sealed class Exporter(KehuDbContext db, IStringLocalizer<SharedResource> l, CompanyTimeZone zone, TimeProvider clock)
{
    /// <summary>Every row of a keyset-paged list: <paramref name="page"/> reads the page at a cursor.</summary>
    public async Task<ExportResponse> ListAsync<T>(string? format, string title, IReadOnlyList<ExportColumn<T>> columns,
        Func<string?, CancellationToken, Task<Result<Page<T>>>> page, CancellationToken ct)
    {
        var parsed = ExportFormats.Parse(format, l);
        if (!parsed.IsSuccess) return ExportResponse.Failed(parsed.Error!);
        var rows = await KeysetWalk.ReadAsync(db, page, ct);
        if (!rows.IsSuccess) return ExportResponse.Failed(rows.Error!);
        return File(parsed.Value, title, columns, rows.Value);
    }

    public Task<ExportResponse> ListAsync<T>(string? format, string title, IReadOnlyList<ExportColumn<T>> columns,
        Func<string?, CancellationToken, Task<Page<T>>> page, CancellationToken ct) =>
        ListAsync(format, title, columns, async (cursor, token) => (Result<Page<T>>)await page(cursor, token), ct);

    /// <summary>A short list read whole (a tree of categories, the warehouses).</summary>
    public ExportResponse Rows<T>(string? format, string title, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows)
    {
        var parsed = ExportFormats.Parse(format, l);
        return parsed.IsSuccess ? File(parsed.Value, title, columns, rows.ToAsyncEnumerable()) : ExportResponse.Failed(parsed.Error!);
    }

    /// <summary>The file name: the title in the user's language, today's date in the company's time zone.</summary>
    public string FileName(string title, ExportFormat format) =>
        $"{l[title]}-{zone.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.{format.Extension()}";

    private ExportResponse File<T>(ExportFormat format, string title, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows)
    {
        var headers = ExportHeaders.Distinct(columns.Select(c => l[c.Header].Value));
        return new ExportResponse(FileName(title, format), format, format == ExportFormat.Xlsx
            ? (stream, token) => XlsxWriter.WriteAsync(stream, headers, columns, rows, zone, token)
            : (stream, token) => WriteCsvAsync(stream, headers, columns, rows, token));
    }

    private async Task WriteCsvAsync<T>(Stream stream, IReadOnlyList<string> headers, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        using var csv = await CsvWriter.StartAsync(stream, ct);
        csv.TextRow(headers);
        var cells = csv.Cells(zone);
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var column in columns) column.Write(row, cells);
            csv.EndRow();
            await csv.FlushIfFullAsync(ct);
        }
        await csv.FlushAsync(ct);
    }
}
