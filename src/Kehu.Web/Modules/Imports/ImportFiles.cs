using System.Text.Json;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Kehu.Web.Modules.Imports;

/// <summary>The files an import offers: a template per kind (its headers and one example row) and
/// the rejected rows of an import with a 原因 column, written to a temporary file and streamed.</summary>
public sealed class ImportFiles(IServiceProvider services, ImportKinds kinds, ImportStorage storage, IStringLocalizer<SharedResource> l)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Download(Stream Content, string FileName);

    public Result<Download> Template(string kindName)
    {
        if (kinds.Find(kindName) is not { } kind) return Error.NotFound(l["不支持导入该类型的数据"]);
        var row = new Dictionary<string, object?>();
        foreach (var f in kind.Fields) row[l[f.Label]] = kind.Example.GetValueOrDefault(f.Key) ?? "";
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new[] { row }, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return new Download(stream, l["{0}导入模板", l[kind.Title]] + ".xlsx");
    }

    /// <summary>Every row that has a problem when checked now, as it was in the file, with 原因.</summary>
    public async Task<Result<Download>> RejectedRowsAsync(ImportJob job, CancellationToken ct)
    {
        if (kinds.Find(job.Kind) is not { } kind) return Error.NotFound(l["不支持导入该类型的数据"]);
        var headers = JsonSerializer.Deserialize<string[]>(job.HeadersJson) ?? [];
        var keys = new List<string>();
        foreach (var h in headers.Append(l["原因"].Value))
        {
            var key = h.Length == 0 ? "-" : h;
            while (keys.Contains(key)) key += " ";
            keys.Add(key);
        }
        var pass = ImportPass.For(job, storage);
        var session = await kind.StartAsync(services, job.CreatedById, ct);
        var rows = new List<Dictionary<string, object?>>();
        var path = Path.Combine(Path.GetTempPath(), "kehu-rejected-" + Guid.NewGuid().ToString("N") + ".xlsx");
        foreach (var (_, batch) in pass.Batches())
        {
            var outcomes = await session.CheckAsync([.. batch.Select(b => b.Row)], ct);
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Problems.Count == 0) continue;
                var row = new Dictionary<string, object?>();
                for (var c = 0; c < headers.Length; c++) row[keys[c]] = c < batch[i].Raw.Cells.Length ? batch[i].Raw.Cells[c] : null;
                row[keys[^1]] = string.Join("；", outcomes[i].Problems.Select(p => $"{p.Field}：{p.Message}"));
                rows.Add(row);
            }
        }
        if (rows.Count == 0) rows.Add(keys.ToDictionary(k => k, _ => (object?)null));
        await MiniExcel.SaveAsAsync(path, rows, excelType: ExcelType.XLSX, cancellationToken: ct);
        var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return new Download(content, l["{0} 的错误行", Path.GetFileNameWithoutExtension(job.FileName)] + ".xlsx");
    }
}
