using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Kehu.IntegrationTests.Platform.Export;

/// <summary>An export longer than one page of the walk (2,000 rows, the next page read while one is
/// written) holds every row of the list once, in the list's order, in both formats.</summary>
public abstract class ExportWalkTests(KehuApp app)
{
    private const int Records = 4_500;

    [Theory]
    [InlineData("csv", "")]
    [InlineData("xlsx", "")]
    [InlineData("csv", "&sort=nextContact&dir=asc")]
    [InlineData("xlsx", "&sort=nextContact&dir=asc")]
    public async Task Export_OverSeveralPages_HoldsEveryRowOnceInTheListsOrder(string format, string sort)
    {
        var companyId = await SeedAsync();
        using var api = await app.ApiAsAsync("admin");
        var query = $"companyId={companyId}{sort}";
        var expected = await ExportFiles.ApiListAsync(api, $"/api/v1/contact-records?{query}", i => i["content"]!.GetValue<string>());
        expected.Count.ShouldBe(Records);
        expected.Distinct().Count().ShouldBe(Records);

        var file = await ExportFiles.DownloadAsync(api, $"/api/v1/contact-records/export?format={format}&{query}", format);

        var exported = format == "xlsx" ? ExportFiles.XlsxColumn(file, "联系内容") : ExportFiles.CsvColumn(file, "联系内容").Select(v => (string?)v).ToList();
        exported.ShouldBe(expected);
    }

    [Fact]
    public async Task Walk_ReadsTheNextPageWhileOneIsHandedOut_OneReadAtATime_AndAStopWaitsForTheReadInFlight()
    {
        int[][] pages = [[1, 2, 3], [4, 5, 6], [7, 8]];
        var started = new List<string?>();
        var finished = new List<string?>();
        var running = 0;
        var overlapped = false;
        async Task<Result<Page<int>>> Read(string? cursor, CancellationToken ct)
        {
            if (Interlocked.Increment(ref running) > 1) overlapped = true;
            lock (started) started.Add(cursor);
            await Task.Delay(100, ct);
            var index = cursor is null ? 0 : int.Parse(cursor);
            lock (finished) finished.Add(cursor);
            Interlocked.Decrement(ref running);
            return new Page<int>(pages[index], index + 1 < pages.Length ? (index + 1).ToString() : null, null, null, false);
        }
        bool Started(string cursor) { lock (started) return started.Contains(cursor); }

        await app.WithDbAsync(async db =>
        {
            var rows = new List<int>();
            await foreach (var row in (await KeysetWalk.ReadAsync(db, Read, CancellationToken.None)).Value)
            {
                // While the first page is handed out, the second is being read.
                if (row == 1) SpinWait.SpinUntil(() => Started("1"), TimeSpan.FromSeconds(10)).ShouldBeTrue("the next page is read ahead");
                rows.Add(row);
            }
            rows.ShouldBe([1, 2, 3, 4, 5, 6, 7, 8]);
            overlapped.ShouldBeFalse("one read at a time");

            started.Clear();
            finished.Clear();
            await foreach (var row in (await KeysetWalk.ReadAsync(db, Read, CancellationToken.None)).Value)
            {
                SpinWait.SpinUntil(() => Started("1"), TimeSpan.FromSeconds(10)).ShouldBeTrue();
                break;
            }
            finished.ShouldBe([null, "1"], "the walk stopped after the read in flight had finished");
            running.ShouldBe(0);
        });
    }

    /// <summary>One company with <see cref="Records"/> contact records a minute apart, every other
    /// one with a next contact time (so the next-contact order reads both of its parts).</summary>
    private async Task<long> SeedAsync()
    {
        var admin = await app.UserIdAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..10];
        var start = new DateTime(2026, 3, 1, 8, 30, 15, DateTimeKind.Utc);
        var company = new Company("EW" + tag, new CompanyDetails($"导出分页{tag}有限公司", true, false, null, null, null, null, null,
            null, null, null, null, null, admin, null));
        var records = Enumerable.Range(0, Records).Select(i => new ContactRecord(new ContactRecordDetails(
            start.AddMinutes(i), 0, null, $"联系人{i}", null, $"第{i}条", null,
            i % 2 == 0 ? null : start.AddDays(7).AddMinutes(-i), admin))).ToList();
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        ((HttpCurrentUserAccessor)services.GetRequiredService<ICurrentUserAccessor>()).ActingFor = admin;
        var db = services.GetRequiredService<KehuDbContext>();
        var bulk = services.GetRequiredService<BulkInsert>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await bulk.InsertAsync([company], CancellationToken.None);
        foreach (var gram in company.NameGrams) bulk.Set(gram, nameof(CompanyNameGram.CompanyId), company.Id);
        await bulk.InsertAsync(company.NameGrams, CancellationToken.None);
        foreach (var record in records) bulk.Set(record, nameof(ContactRecord.CompanyId), company.Id);
        await bulk.InsertAsync(records, CancellationToken.None);
        await tx.CommitAsync();
        return company.Id;
    }
}

public sealed class ExportWalkTestsOnSqlite(SqliteApp app) : ExportWalkTests(app), IClassFixture<SqliteApp>;

public sealed class ExportWalkTestsOnPostgres(PostgresApp app) : ExportWalkTests(app), IClassFixture<PostgresApp>;
