using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Imports;

/// <summary>跳过错误行 or 整个文件不导入: queues a previewed import for the background worker.</summary>
public sealed class CommitImport(KehuDbContext db, ImportJobs jobs, ImportKinds kinds, ImportQueueSignal signal, IStringLocalizer<SharedResource> l)
{
    public static ImportMode? ParseMode(string? mode) => mode switch
    {
        "skipBadRows" => ImportMode.SkipBadRows,
        "rejectFile" => ImportMode.RejectFile,
        _ => null,
    };

    public async Task<Result<ImportJob>> HandleAsync(ImportCaller caller, long id, string? mode, CancellationToken ct)
    {
        var found = await jobs.FindOrErrorAsync(caller, id, ct);
        if (!found.IsSuccess) return found.Error!;
        var job = found.Value;
        if (ParseMode(mode) is not { } chosen)
            return new Validation().Add("mode", l["请选择 {0} 或 {1}", "skipBadRows", "rejectFile"]).ToError(l["请检查输入"]);
        if (kinds.Find(job.Kind) is not { } kind) return Error.NotFound(l["不支持导入该类型的数据"]);
        if (await kind.RefusalAsync(caller.UserId, ct) is { } refusal) return refusal;
        if (job.Commit(chosen) != ImportJobError.None) return Error.Conflict(l["该导入已提交"]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该导入已提交"]);
        }
        signal.Wake();
        return job;
    }
}

/// <summary>撤销: removes what the latest completed import of a kind created and restores what it
/// changed, from its journal, in one transaction; refuses, changing nothing, when later work depends
/// on an imported record or changed it since.</summary>
public sealed class UndoImport(KehuDbContext db, IServiceProvider services, ImportJobs jobs, ImportKinds kinds, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<Result<ImportJob>> HandleAsync(ImportCaller caller, long id, CancellationToken ct)
    {
        var found = await jobs.FindOrErrorAsync(caller, id, ct);
        if (!found.IsSuccess) return found.Error!;
        var job = found.Value;
        if (kinds.Find(job.Kind) is not { } kind) return Error.NotFound(l["不支持导入该类型的数据"]);
        if (await kind.RefusalAsync(caller.UserId, ct) is { } refusal) return refusal;
        if (job.State != ImportState.Completed) return Error.Conflict(l["只有已完成的导入可以撤销"]);
        if (!await jobs.IsLatestCompletedAsync(job, ct)) return Error.Conflict(l["只能撤销该类型最近一次完成的导入"]);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var journal = await db.Set<ImportedRow>().AsNoTracking().Where(r => r.JobId == job.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var session = await kind.StartAsync(services, caller.UserId, ct);
        if (await session.UndoAsync(journal, ct) is { } blocked)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return blocked;
        }
        if (job.Undo(clock.GetUtcNow().UtcDateTime) != ImportJobError.None) return Error.Conflict(l["只有已完成的导入可以撤销"]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        await tx.CommitAsync(ct);
        return job;
    }
}
