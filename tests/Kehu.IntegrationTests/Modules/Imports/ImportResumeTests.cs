using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>An import whose process stops after batch 2 (the test hook, as if it died) is resumed by
/// a new runner on the same database: every row written once, the counts exact.</summary>
public abstract class ImportResumeTests(KehuApp app)
{
    [Fact]
    public async Task StoppedAfterBatchTwo_ThenResumed_WritesEachRowOnce_WithExactCounts()
    {
        var prefix = AdminTestHelpers.Unique("续传");
        string[] names = [.. Enumerable.Range(1, 7).Select(i => $"{prefix}-{i}")];
        using var lin = await app.ApiAsAsync("xiaolin");
        var preview = await UploadedAsync(lin, "companies", Utf8Csv(["单位名称,客户等级", .. names.Select(n => $"{n},重点客户"), $"{names[0]},重点客户"]), "c.csv");
        var id = preview["id"]!.GetValue<long>();
        await CommitAsync(lin, id, "skipBadRows");

        var stopped = await WaitAsync(lin, id, "running");
        for (var i = 0; i < 100 && stopped.Int("rowsDone") < 4; i++)
        {
            await Task.Delay(100);
            stopped = await WaitAsync(lin, id, "running");
        }
        await Task.Delay(500);
        stopped = await WaitAsync(lin, id, "running");
        (stopped.Int("rowsDone"), stopped.Int("created"), stopped.Int("percent")).ShouldBe((4, 4, 50));

        var runner = ActivatorUtilities.CreateInstance<ImportRunner>(app.Services);
        await runner.RunAsync(id, stopAfterBatch: null, TestContext.Current.CancellationToken);

        var done = await WaitAsync(lin, id);
        (done["state"]!.GetValue<string>(), done.Int("created"), done.Int("updated"), done.Int("skipped"), done.Int("rowsDone")).ShouldBe(("completed", 7, 0, 1, 8));
        var stored = await app.WithDbAsync(db => db.Companies.Where(c => c.Name.StartsWith(prefix)).Select(c => c.Name).ToListAsync());
        stored.ShouldBe(names, ignoreOrder: true);
        var journal = await app.WithDbAsync(db => db.Set<ImportedRow>().Where(r => r.JobId == id).Select(r => r.RowNumber).ToListAsync());
        journal.ShouldBe([2, 3, 4, 5, 6, 7, 8], ignoreOrder: true);
    }

    [Fact]
    public async Task OpeningStock_StoppedAfterBatchTwo_ThenResumed_PostsEachRowOnce_AndRefusesTheLaterDuplicate()
    {
        var products = new List<(long Id, string Code)>();
        for (var i = 0; i < 4; i++)
        {
            var p = await Products.ProductTestData.CreateProductAsync(app);
            products.Add((p["id"]!.GetValue<long>(), p["code"]!.GetValue<string>()));
        }
        var documents = await app.WithDbAsync(db => db.OpeningStocks.CountAsync());
        using var zhou = await app.ApiAsAsync("xiaozhou");
        var preview = await UploadedAsync(zhou, "opening-stock", Utf8Csv(["商品编码,数量", .. products.Select(p => $"{p.Code},3"), $"{products[0].Code},3"]), "期初.csv");
        var id = preview["id"]!.GetValue<long>();
        await CommitAsync(zhou, id, "skipBadRows");

        var stopped = await WaitAsync(zhou, id, "running");
        for (var i = 0; i < 100 && stopped.Int("rowsDone") < 4; i++)
        {
            await Task.Delay(100);
            stopped = await WaitAsync(zhou, id, "running");
        }
        await Task.Delay(500);
        stopped = await WaitAsync(zhou, id, "running");
        (stopped.Int("rowsDone"), stopped.Int("created")).ShouldBe((4, 4));

        var runner = ActivatorUtilities.CreateInstance<ImportRunner>(app.Services);
        await runner.RunAsync(id, stopAfterBatch: null, TestContext.Current.CancellationToken);

        var done = await WaitAsync(zhou, id);
        (done["state"]!.GetValue<string>(), done.Int("created"), done.Int("skipped")).ShouldBe(("completed", 4, 1));
        var ids = products.Select(p => p.Id).ToList();
        var moves = await app.WithDbAsync(db => db.StockMoves.Where(m => ids.Contains(m.ProductId)).Select(m => m.ProductId).ToListAsync());
        moves.ShouldBe(ids, ignoreOrder: true);
        (await app.WithDbAsync(db => db.OpeningStocks.CountAsync())).ShouldBe(documents + 2);
    }
}

public sealed class StopAfterBatchSqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:Imports:BatchSize", "2"), new("Kehu:Imports:StopAfterBatch", "2")];
}

public sealed class StopAfterBatchPostgresApp : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:Imports:BatchSize", "2"), new("Kehu:Imports:StopAfterBatch", "2")];
}

public sealed class ImportResumeTestsOnSqlite(StopAfterBatchSqliteApp app) : ImportResumeTests(app), IClassFixture<StopAfterBatchSqliteApp>;

public sealed class ImportResumeTestsOnPostgres(StopAfterBatchPostgresApp app) : ImportResumeTests(app), IClassFixture<StopAfterBatchPostgresApp>;
