using System.Globalization;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Kehu.Web.Modules.Imports;

/// <summary>Runs committed imports: each batch's rows, their journal and the job's
/// <see cref="ImportJob.BatchesCommitted"/> are saved in one transaction, so after a crash the run
/// takes up again at the first batch not committed and no row is written twice.</summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, ImportStorage storage, ImportKinds kinds, TimeProvider clock, ILogger<ImportRunner> log)
{
    /// <summary>Runs (or resumes) one job. <paramref name="stopAfterBatch"/> is the tests' stand-in
    /// for a crash: the run stops there, leaving the job 导入中.</summary>
    public async Task RunAsync(long jobId, int? stopAfterBatch, CancellationToken ct)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            await RunCoreAsync(jobId, stopAfterBatch, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Import {JobId} failed", jobId);
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
            var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
            var job = await db.Set<ImportJob>().FirstAsync(j => j.Id == jobId, CancellationToken.None);
            var message = e is ImportFileException file ? l[file.Key, file.Args].Value : e.GetBaseException().Message;
            if (job.Fail(l["导入失败：{0}", message], clock.GetUtcNow().UtcDateTime) == ImportJobError.None)
                await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private async Task RunCoreAsync(long jobId, int? stopAfterBatch, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KehuDbContext>();
        var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var bulk = services.GetRequiredService<BulkInsert>();
        var job = await db.Set<ImportJob>().FirstAsync(j => j.Id == jobId, ct);
        if (job.Start() != ImportJobError.None) return;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return; // another worker took it
        }
        if (services.GetRequiredService<ICurrentUserAccessor>() is HttpCurrentUserAccessor acting) acting.ActingFor = job.CreatedById;
        var kind = kinds.Find(job.Kind) ?? throw new InvalidOperationException($"No import kind {job.Kind}.");
        var pass = ImportPass.For(job, storage);

        if (job.Mode == ImportMode.RejectFile && job.BatchesCommitted == 0)
        {
            var check = await kind.StartAsync(services, job.CreatedById, ct);
            var bad = 0;
            foreach (var (_, batch) in pass.Batches())
                bad += (await check.CheckAsync([.. batch.Select(b => b.Row)], ct)).Count(o => o.Problems.Count > 0);
            if (bad > 0)
            {
                job.Fail(l["文件中有 {0} 行有错误，按“整个文件不导入”没有写入任何数据", bad], clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(ct);
                return;
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        var sqlite = db.Database.IsSqlite();
        var restore = sqlite ? await SqliteBulkModeAsync(db, ct) : null;
        // PostgreSQL plans a foreign-key check once per connection and keeps the plan. A pooled
        // connection may hold one made while the parent table was a page or two (a new install's
        // first import): a sequential scan, which then runs for every gram, contact or record the
        // batches write while the table grows in the same transaction (a first batch of companies
        // ran into the 30 s command timeout). The checks are planned again against the table as
        // the run finds it.
        if (!sqlite) await db.Database.ExecuteSqlRawAsync("DISCARD PLANS", ct);
        try
        {
            await RunBatchesAsync(db, bulk, job, kind, pass, services, stopAfterBatch, ct);
        }
        finally
        {
            if (restore is not null) await db.Database.ExecuteSqlRawAsync(restore, CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>SQLite, for this connection while the run lasts: commits in the WAL without waiting
    /// for the disk (synchronous=NORMAL: a power cut may lose the last batches, which are then run
    /// again on resume, as their job counter is lost with them; a crash of the process loses
    /// nothing). Returns the statement that restores the connection's setting before it goes back
    /// to the pool.</summary>
    private static async Task<string> SqliteBulkModeAsync(KehuDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        async Task<long> PragmaAsync(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        var restore = FormattableString.Invariant($"PRAGMA synchronous={await PragmaAsync("synchronous")};");
        // A larger page cache (64 MB) was measured too: no faster under load, and 60-110 MB more at the peak.
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", ct);
        return restore;
    }

    private async Task RunBatchesAsync(KehuDbContext db, BulkInsert bulk, ImportJob job, IImportKind kind, ImportPass pass, IServiceProvider services,
        int? stopAfterBatch, CancellationToken ct)
    {
        var session = await kind.StartAsync(services, job.CreatedById, ct);
        var done = job.BatchesCommitted;
        foreach (var (index, batch) in pass.Batches())
        {
            if (index < done)
            {
                foreach (var (_, row) in batch) session.Remember(row);
                continue;
            }
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                var outcomes = await session.CheckAsync([.. batch.Select(b => b.Row)], ct);
                var good = outcomes.Where(o => o.Problems.Count == 0 && o.Action != RowAction.Skip).ToList();
                await bulk.InsertAsync(await session.WriteAsync(job.Id, good, ct), ct);
                job.BatchCommitted(good.Count(o => o.Action == RowAction.Create), good.Count(o => o.Action == RowAction.Update), outcomes.Count - good.Count);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            db.ChangeTracker.Clear();
            db.Attach(job);
            if (stopAfterBatch is { } stop && job.BatchesCommitted >= stop)
            {
                log.LogWarning("Import {JobId} stopped after batch {Batch} (test hook)", job.Id, job.BatchesCommitted);
                return;
            }
        }
        job.Complete(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The background worker: at start it resumes imports left 导入中 by a stopped process,
/// then runs queued ones as they come, one at a time.</summary>
/// <summary>Wakes this node's worker when an import is queued here, so it starts at once rather than
/// at the next poll; the poll stays, for imports queued on another node.</summary>
public sealed class ImportQueueSignal
{
    // No maximum: two wakes before the worker looks only make it look twice, and find nothing new.
    private readonly SemaphoreSlim queued = new(0);

    public void Wake() => queued.Release();

    /// <summary>Until a wake or <paramref name="poll"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken ct) => queued.WaitAsync(poll, ct);
}

public sealed class ImportWorker(IServiceScopeFactory scopes, ImportRunner runner, ImportQueueSignal signal, IOptions<ImportSettings> settings, IHostEnvironment env, ILogger<ImportWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopAfter = env.IsEnvironment("Testing") ? settings.Value.StopAfterBatch : null;
        try
        {
            foreach (var id in await IdsAsync(ImportState.Running, stoppingToken))
                await runner.RunAsync(id, stopAfter, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Imports left running could not be resumed");
        }
        var poll = TimeSpan.FromSeconds(Math.Max(0.05, settings.Value.PollSeconds));
        while (true)
        {
            try
            {
                foreach (var id in await IdsAsync(ImportState.Queued, stoppingToken))
                    await runner.RunAsync(id, stopAfter, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The import queue could not be read");
            }
            await signal.WaitAsync(poll, stoppingToken);
        }
    }

    private async Task<List<long>> IdsAsync(ImportState state, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
        return await db.Set<ImportJob>().Where(j => j.State == state).OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(ct);
    }
}
