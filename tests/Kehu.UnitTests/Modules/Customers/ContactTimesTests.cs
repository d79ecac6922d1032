using Kehu.Web.Modules.Customers;
using Microsoft.EntityFrameworkCore;

namespace Kehu.UnitTests.Modules.Customers;

public sealed class ContactTimesTests
{
    private static readonly DateTime Jan = new(2026, 1, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Mar = new(2026, 3, 5, 9, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Jun = new(2026, 6, 1, 14, 0, 0, DateTimeKind.Utc);

    private static async Task<(long A, long B)> TwoCompaniesAsync(TestDatabase database)
    {
        await using var db = database.Context();
        var a = new Company("C1", Details("甲公司", database.UserId));
        var b = new Company("C2", Details("乙公司", database.UserId));
        db.Companies.AddRange(a, b);
        await db.SaveChangesAsync();
        return (a.Id, b.Id);
    }

    private static CompanyDetails Details(string name, long owner) =>
        new(name, true, false, null, null, null, null, null, null, null, null, null, null, owner, null);

    private static ContactRecord Record(long companyId, DateTime at, long recorder) =>
        new(new ContactRecordDetails(at, companyId, null, "某人", null, null, null, null, recorder));

    private static async Task<(DateTime? First, DateTime? Last)> TimesAsync(TestDatabase database, long id)
    {
        await using var db = database.Context();
        var c = await db.Companies.AsNoTracking().SingleAsync(x => x.Id == id);
        return (c.FirstContactAt, c.LastContactAt);
    }

    [Fact]
    public async Task Refresh_SetsEarliestAndLatestContactTime()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (a, _) = await TwoCompaniesAsync(database);
        await using (var db = database.Context())
        {
            db.ContactRecords.AddRange(Record(a, Mar, database.UserId), Record(a, Jan, database.UserId), Record(a, Jun, database.UserId));
            await db.SaveChangesAsync();
            await ContactTimes.RefreshAsync(db, [a], TestContext.Current.CancellationToken);
        }

        (await TimesAsync(database, a)).ShouldBe((Jan, Jun));
    }

    [Fact]
    public async Task Refresh_AfterLastRecordDeleted_ClearsBothTimes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (a, _) = await TwoCompaniesAsync(database);
        await using (var db = database.Context())
        {
            var r = Record(a, Mar, database.UserId);
            db.ContactRecords.Add(r);
            await db.SaveChangesAsync();
            await ContactTimes.RefreshAsync(db, [a], TestContext.Current.CancellationToken);
            db.ContactRecords.Remove(r);
            await db.SaveChangesAsync();
            await ContactTimes.RefreshAsync(db, [a], TestContext.Current.CancellationToken);
        }

        (await TimesAsync(database, a)).ShouldBe((null, null));
    }

    [Fact]
    public async Task Refresh_OfBothCompanies_AfterARecordMoves_KeepsEachRight()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (a, b) = await TwoCompaniesAsync(database);
        await using (var db = database.Context())
        {
            var moving = Record(a, Jun, database.UserId);
            db.ContactRecords.AddRange(Record(a, Jan, database.UserId), moving, Record(b, Mar, database.UserId));
            await db.SaveChangesAsync();
            await ContactTimes.RefreshAsync(db, [a, b], TestContext.Current.CancellationToken);
            (await TimesAsync(database, a)).ShouldBe((Jan, Jun));

            moving.Apply(new ContactRecordDetails(Jun, b, null, "某人", null, null, null, null, database.UserId));
            await db.SaveChangesAsync();
            await ContactTimes.RefreshAsync(db, [a, b], TestContext.Current.CancellationToken);
        }

        (await TimesAsync(database, a)).ShouldBe((Jan, Jan));
        (await TimesAsync(database, b)).ShouldBe((Mar, Jun));
    }
}
