using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace Kehu.IntegrationTests.Platform.Export;

/// <summary>Downloads exports and reads them back the way a test compares them with the list.</summary>
public static class ExportFiles
{
    /// <summary>Fetches <paramref name="url"/>, expects a file, and saves it under a temporary name
    /// with <paramref name="extension"/>.</summary>
    public static async Task<string> DownloadAsync(HttpClient client, string url, string extension)
    {
        using var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var path = Path.Combine(Directory.CreateTempSubdirectory("kehu-export-test-").FullName, "export." + extension);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    public static List<IDictionary<string, object?>> Xlsx(string path) =>
        MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();

    /// <summary>The column headed <paramref name="header"/> of an .xlsx, as text.</summary>
    public static List<string?> XlsxColumn(string path, string header) =>
        Xlsx(path).Select(r => r[header]?.ToString()).ToList();

    /// <summary>An RFC 4180 CSV: the BOM must be there; quoted fields may hold commas, quotes and line breaks.</summary>
    public static List<List<string>> Csv(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes.Take(3).ShouldBe(Encoding.UTF8.Preamble.ToArray(), "the CSV starts with the UTF-8 BOM");
        return ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    public static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else field.Append(ch);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }

    /// <summary>A CSV's column headed <paramref name="header"/>.</summary>
    public static List<string> CsvColumn(string path, string header)
    {
        var rows = Csv(path);
        var index = rows[0].IndexOf(header);
        index.ShouldBeGreaterThanOrEqualTo(0, $"the CSV has a column {header}");
        return rows.Skip(1).Select(r => r[index]).ToList();
    }

    /// <summary>Every item of an API list, walked by cursor 200 at a time, as <paramref name="key"/> reads it.</summary>
    public static async Task<List<string?>> ApiListAsync(HttpClient api, string url, Func<JsonNode, string?> key)
    {
        var keys = new List<string?>();
        string? cursor = null;
        do
        {
            var separator = url.Contains('?') ? '&' : '?';
            var page = await (await api.GetAsync($"{url}{separator}limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}")).ReadObjectAsync();
            keys.AddRange(page["items"]!.AsArray().Select(i => key(i!)));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        return keys;
    }

    /// <summary>Whether any sheet of the .xlsx at <paramref name="path"/> holds a formula.</summary>
    public static bool HasFormula(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            .Any(e =>
            {
                using var reader = new StreamReader(e.Open());
                var xml = reader.ReadToEnd();
                return xml.Contains("<f>", StringComparison.Ordinal) || xml.Contains("<f ", StringComparison.Ordinal) || xml.Contains(":f>", StringComparison.Ordinal) || xml.Contains(":f ", StringComparison.Ordinal);
            });
    }

    /// <summary>Line ends as one <c>\n</c>: XML and LibreOffice both turn a lone CR into LF.</summary>
    public static string? Lines(string? text) => text?.Replace("\r\n", "\n").Replace('\r', '\n');
}
