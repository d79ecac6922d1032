using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>PostgreSQL keeps a connection's plan of a foreign-key check. A plan made while
/// <c>companies</c> was a page or two is a sequential scan; an import that used it scanned the
/// companies once for every name gram it wrote (a first batch ran into the command timeout). The
/// app here has a single pooled connection, so the import runs on the connection the test spoiled.</summary>
public sealed class ImportForeignKeyPlanTests(ImportForeignKeyPlanTests.OneConnectionApp app) : IClassFixture<ImportForeignKeyPlanTests.OneConnectionApp>
{
    public sealed class OneConnectionApp : PostgresApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("ConnectionStrings:Kehu", ConnectionString + ";Maximum Pool Size=1")];
    }

    [Fact]
    public async Task CompaniesImport_OnAConnectionThatPlannedTheGramCheckWhileCompaniesWasTiny_ChecksByIndex()
    {
        await app.WithDbAsync(async db =>
        {
            var company = await db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            // Fresh statistics of the small table, so no auto-analyze replans the check before the import.
            await db.Database.ExecuteSqlRawAsync("ANALYZE companies");
            await using var tx = await db.Database.BeginTransactionAsync();
            // More than five checks, so PostgreSQL keeps a generic plan made against today's small table.
            for (var i = 0; i < 8; i++)
                await db.Database.ExecuteSqlAsync($"INSERT INTO company_name_grams (gram, company_id) VALUES ({"Q" + i}, {company})");
            await tx.RollbackAsync();
        });
        var before = await CompanySeqScansAsync();

        var prefix = AdminTestHelpers.Unique("外键计划");
        string[] names = [.. Enumerable.Range(1, 1500).Select(i => $"{prefix}上海机电设备有限公司{i:D4}")];
        using var api = await app.ApiAsAsync("admin");
        var preview = await UploadedAsync(api, "companies", Utf8Csv(["单位名称", .. names]), "c.csv");
        var id = preview["id"]!.GetValue<long>();
        await CommitAsync(api, id, "skipBadRows");
        var done = await WaitAsync(api, id);

        (done["state"]!.GetValue<string>(), done.Int("created")).ShouldBe(("completed", names.Length));
        // About 25,000 grams were checked; a scan per check would count that many.
        (await CompanySeqScansAsync() - before).ShouldBeLessThan(200);
    }

    /// <summary>The sequential scans of <c>companies</c> so far, with the connection's own counts
    /// flushed to the statistics first.</summary>
    private Task<long> CompanySeqScansAsync() => app.WithDbAsync(async db =>
    {
        await db.Database.ExecuteSqlRawAsync("SELECT pg_stat_force_next_flush()");
        await db.Database.ExecuteSqlRawAsync("SELECT pg_stat_clear_snapshot()");
        return await db.Database.SqlQueryRaw<long>("SELECT seq_scan AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'companies'").SingleAsync();
    });
}
