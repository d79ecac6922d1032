using System.Text.Json;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Imports;

/// <summary>Who is asking: a job is seen by its creator and by administrators.</summary>
public sealed record ImportCaller(long UserId, bool IsAdmin)
{
    public static ImportCaller Of(System.Security.Claims.ClaimsPrincipal user) =>
        new(Platform.Web.ClaimsPrincipalExtensions.RequiredUserId(user), user.IsInRole(RoleCodes.Administrator));
}

public sealed record ImportColumn(int Index, string Header, string? Field);

/// <summary>An import as the pages and the API show it.</summary>
public sealed record ImportView(
    long Id, string Kind, string FileName, string Format, string? Encoding, ImportState State, ImportMode? Mode,
    int Rows, int ToCreate, int ToUpdate, int ToSkip, int Created, int Updated, int Skipped, int RowsDone, int Percent,
    string? ErrorMessage, long CreatedById, string? CreatedBy, DateTime CreatedAt, DateTime? FinishedAt, int Version,
    bool CanUndo, IReadOnlyList<ImportColumn> Columns, int ProblemCount, IReadOnlyList<RowProblem> Problems);

/// <summary>The registered kinds by route name.</summary>
public sealed class ImportKinds(IEnumerable<IImportKind> kinds)
{
    public IReadOnlyList<IImportKind> All { get; } = [.. kinds];

    public IImportKind? Find(string? name) => All.FirstOrDefault(k => k.Name == name);
}

/// <summary>Reading imports: one (if the caller may see it), the caller's list, and the view.</summary>
public sealed class ImportJobs(KehuDbContext db, IStringLocalizer<SharedResource> l)
{
    /// <summary>The first problems kept with a job for the preview (the rejected-rows file has all).</summary>
    public const int KeptProblems = 1000;

    public async Task<ImportJob?> FindAsync(ImportCaller caller, long id, CancellationToken ct)
    {
        var job = await db.Set<ImportJob>().FirstOrDefaultAsync(j => j.Id == id, ct);
        return job is not null && (caller.IsAdmin || job.CreatedById == caller.UserId) ? job : null;
    }

    public async Task<Result<ImportJob>> FindOrErrorAsync(ImportCaller caller, long id, CancellationToken ct) =>
        await FindAsync(caller, id, ct) is { } job ? job : Error.NotFound(l["导入记录不存在或无权访问"]);

    /// <summary>The caller's imports (an administrator's: everyone's), newest first.</summary>
    public Task<List<ImportJob>> ListAsync(ImportCaller caller, int take, CancellationToken ct)
    {
        var jobs = db.Set<ImportJob>().AsNoTracking();
        if (!caller.IsAdmin) jobs = jobs.Where(j => j.CreatedById == caller.UserId);
        return jobs.OrderByDescending(j => j.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>Only the latest completed import of a kind can be undone.</summary>
    public async Task<bool> IsLatestCompletedAsync(ImportJob job, CancellationToken ct) =>
        job.State == ImportState.Completed
        && !await db.Set<ImportJob>().AnyAsync(j => j.Kind == job.Kind && j.Id > job.Id && j.State == ImportState.Completed, ct);

    public async Task<ImportView> ViewAsync(ImportJob job, int problems, CancellationToken ct)
    {
        var headers = JsonSerializer.Deserialize<string[]>(job.HeadersJson) ?? [];
        var mapping = ImportPass.ParseMapping(job.MappingJson);
        var kept = JsonSerializer.Deserialize<List<RowProblem>>(job.ProblemsJson) ?? [];
        var createdBy = await db.Users.Where(u => u.Id == job.CreatedById).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return new ImportView(job.Id, job.Kind, job.FileName, job.Format, job.Encoding, job.State, job.Mode,
            job.Rows, job.ToCreate, job.ToUpdate, job.ToSkip, job.Created, job.Updated, job.Skipped, job.RowsDone, job.Percent,
            job.ErrorMessage, job.CreatedById, createdBy, job.CreatedAt, job.FinishedAt, job.Version,
            await IsLatestCompletedAsync(job, ct),
            [.. headers.Select((h, i) => new ImportColumn(i, h, i < mapping.Length ? mapping[i] : null))],
            kept.Count, [.. kept.Take(problems)]);
    }
}
