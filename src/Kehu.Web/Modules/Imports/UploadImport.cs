using System.Text.Json;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Kehu.Web.Modules.Imports;

/// <summary>Upload and preview: the file is stored, read once to check it (encoding, header, column
/// counts, row limit), its headers matched to fields (or mapped as the caller says), and every row
/// checked by the module's rules without writing anything. A file that cannot be read leaves no job
/// and no file behind. <see cref="RemapAsync"/> previews again with another mapping.</summary>
public sealed class UploadImport(
    KehuDbContext db,
    IServiceProvider services,
    ImportKinds kinds,
    ImportStorage storage,
    IOptions<ImportSettings> settings,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<ImportJob>> HandleAsync(long userId, string kindName, IFormFile? file, string? mappingJson, CancellationToken ct)
    {
        if (kinds.Find(kindName) is not { } kind) return Error.NotFound(l["不支持导入该类型的数据"]);
        if (await kind.RefusalAsync(userId, ct) is { } refusal) return refusal;
        if (file is null || file.Length == 0) return Invalid("file", l["请选择要导入的文件"]);
        if (ImportFileReader.FormatOf(file.FileName) is not { } format) return Invalid("file", l["只能导入 .xlsx 或 .csv 文件"]);

        string? stored;
        await using (var source = file.OpenReadStream()) stored = await storage.ReceiveAsync(source, ct);
        if (stored is null) return Invalid("file", l["文件不能超过 {0} MB", storage.MaxBytes / 1024 / 1024]);
        var kept = false;
        try
        {
            FileShape shape;
            try
            {
                shape = ImportFileReader.Inspect(storage.PathOf(stored), format);
            }
            catch (ImportFileException e)
            {
                return Invalid("file", l[e.Key, e.Args]);
            }
            var auto = HeaderMatcher.Match(shape.Headers, [.. kind.Fields.Select(f => (f.Key, (IReadOnlyList<string>)[f.Label, l[f.Label].Value, .. f.Aliases ?? []]))]);
            var mapping = auto;
            if (!string.IsNullOrWhiteSpace(mappingJson))
            {
                var given = ParseMapping(kind, shape.Headers, mappingJson);
                if (!given.IsSuccess) return given.Error!;
                mapping = given.Value;
            }
            var job = new ImportJob(kind.Name, Path.GetFileName(file.FileName), stored, format, shape.Encoding,
                JsonSerializer.Serialize(shape.Headers), Math.Max(1, settings.Value.BatchSize), userId, clock.GetUtcNow().UtcDateTime);
            var previewed = await PreviewAsync(job, kind, mapping, ct);
            if (!previewed.IsSuccess) return previewed.Error!;
            db.Add(job);
            await db.SaveChangesAsync(ct);
            kept = true;
            return job;
        }
        finally
        {
            if (!kept) storage.Delete(stored);
        }
    }

    /// <summary>A new mapping for an import not yet committed: previews again.</summary>
    public async Task<Result<ImportJob>> RemapAsync(ImportJob job, string?[] mapping, CancellationToken ct)
    {
        if (kinds.Find(job.Kind) is not { } kind) return Error.NotFound(l["不支持导入该类型的数据"]);
        if (job.State != ImportState.Previewed) return Error.Conflict(l["该导入已提交，不能再更改列的对应"]);
        var headers = JsonSerializer.Deserialize<string[]>(job.HeadersJson) ?? [];
        var v = new Validation();
        if (mapping.Length != headers.Length) v.Add("mapping", l["列的对应与文件的列数不一致"]);
        foreach (var key in mapping.OfType<string>())
        {
            if (kind.Fields.All(f => f.Key != key)) v.Add("mapping", l["没有名为 {0} 的字段", key]);
        }
        var duplicate = mapping.OfType<string>().GroupBy(k => k).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) v.Add("mapping", l["字段 {0} 对应了多列", l[kind.Fields.First(f => f.Key == duplicate.Key).Label]]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        var previewed = await PreviewAsync(job, kind, mapping, ct);
        if (!previewed.IsSuccess) return previewed.Error!;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return job;
    }

    /// <summary>A mapping sent with the upload: an array with one field name (or null) per column, or
    /// an object from header text to field name (columns it does not name are not imported).</summary>
    private Result<string?[]> ParseMapping(IImportKind kind, IReadOnlyList<string> headers, string json)
    {
        string?[] mapping;
        try
        {
            using var doc = JsonDocument.Parse(json);
            mapping = doc.RootElement.ValueKind switch
            {
                JsonValueKind.Array => [.. doc.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null)],
                JsonValueKind.Object => [.. headers.Select(h => doc.RootElement.TryGetProperty(h, out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null)],
                _ => throw new JsonException(),
            };
        }
        catch (JsonException)
        {
            return Invalid("mapping", l["{0}格式不正确", "mapping"]);
        }
        if (mapping.Length != headers.Count) return Invalid("mapping", l["列的对应与文件的列数不一致"]);
        var unknown = mapping.OfType<string>().FirstOrDefault(k => kind.Fields.All(f => f.Key != k));
        if (unknown is not null) return Invalid("mapping", l["没有名为 {0} 的字段", unknown]);
        return mapping;
    }

    private async Task<Result<bool>> PreviewAsync(ImportJob job, IImportKind kind, string?[] mapping, CancellationToken ct)
    {
        var pass = new ImportPass(storage.PathOf(job.StoredName), job.Format, job.Encoding, mapping, job.BatchSize);
        var session = await kind.StartAsync(services, job.CreatedById, ct);
        int rows = 0, create = 0, update = 0, skip = 0;
        var problems = new List<RowProblem>();
        try
        {
            foreach (var (_, batch) in pass.Batches())
            {
                foreach (var outcome in await session.CheckAsync([.. batch.Select(b => b.Row)], ct))
                {
                    rows++;
                    switch (outcome.Action)
                    {
                        case RowAction.Create: create++; break;
                        case RowAction.Update: update++; break;
                        default: skip++; break;
                    }
                    foreach (var p in outcome.Problems)
                    {
                        if (problems.Count < ImportJobs.KeptProblems) problems.Add(p);
                    }
                }
            }
        }
        catch (ImportFileException e)
        {
            return Invalid("file", l[e.Key, e.Args]);
        }
        var error = job.Previewed(ImportPass.MappingJson(mapping), rows, create, update, skip, JsonSerializer.Serialize(problems));
        return error == ImportJobError.None ? true : Error.Conflict(l["该导入已提交，不能再更改列的对应"]);
    }

    private Error Invalid(string field, string message) => new Validation().Add(field, message).ToError(message);
}
