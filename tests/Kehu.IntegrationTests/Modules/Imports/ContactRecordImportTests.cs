using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>联系记录 imports: the company by name, the contact by name or kept as typed, local times,
/// the companies' first and last contact times, undo.</summary>
public abstract class ContactRecordImportTests(KehuApp app)
{
    [Fact]
    public async Task Records_FindTheirCompanyAndContact_UpdateTheContactTimes_AndUndoPutsThemBack()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var company = AdminTestHelpers.Unique("记录单位");
        long companyId;
        using (var created = await lin.PostAsJsonAsync("/api/v1/companies", new { name = company }))
            companyId = (await created.ReadObjectAsync())["id"]!.GetValue<long>();
        long contactId;
        using (var contact = await lin.PostAsJsonAsync("/api/v1/contacts", new { companyId, name = "王经理" }))
            contactId = (await contact.ReadObjectAsync())["id"]!.GetValue<long>();

        var preview = await UploadedAsync(lin, "contact-records", Utf8Csv(
            "联系时间,单位名称,联系人,联系方式,联系内容,下次联系时间",
            $"2026-11-02 09:30,{company},王经理,电话,报价,2026/12/01 10:00",
            $"2026年11月05日 14:00,{company},李工,拜访,现场,",
            $"2026-11-05 14:00,{company},李工,拜访,重复,",
            $"2026-11-06,{company},李工,飞鸽,,",
            $"not a time,{company},李工,,,"), "records.csv");
        (preview.Int("toCreate"), preview.Int("toSkip")).ShouldBe((2, 3));
        Problems(preview).ShouldBe([
            "4|联系时间|与第 3 行重复",
            "5|联系方式|联系方式的取值“飞鸽”不存在",
            "6|联系时间|联系时间“not a time”不是有效的日期",
        ]);
        await CommitAsync(lin, preview["id"]!.GetValue<long>(), "skipBadRows");
        var done = await WaitAsync(lin, preview["id"]!.GetValue<long>());
        done.Int("created").ShouldBe(2);

        var records = await app.WithDbAsync(db => db.ContactRecords.AsNoTracking().Where(r => r.CompanyId == companyId).OrderBy(r => r.ContactedAt).ToListAsync());
        records.Select(r => (r.ContactName, r.ContactId, r.ContactedAt)).ShouldBe([
            ("王经理", (long?)contactId, new DateTime(2026, 11, 2, 1, 30, 0, DateTimeKind.Utc)),
            ("李工", null, new DateTime(2026, 11, 5, 6, 0, 0, DateTimeKind.Utc)),
        ]);
        var times = await app.WithDbAsync(db => db.Companies.Where(c => c.Id == companyId).Select(c => new { c.FirstContactAt, c.LastContactAt }).SingleAsync());
        (times.FirstContactAt, times.LastContactAt).ShouldBe((records[0].ContactedAt, records[1].ContactedAt));

        using (var undone = await lin.PostAsync($"/api/v1/imports/{done["id"]}/undo", null))
            undone.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.ContactRecords.CountAsync(r => r.CompanyId == companyId))).ShouldBe(0);
        var after = await app.WithDbAsync(db => db.Companies.Where(c => c.Id == companyId).Select(c => new { c.FirstContactAt, c.LastContactAt }).SingleAsync());
        (after.FirstContactAt, after.LastContactAt).ShouldBe((null, null));
    }

    /// <summary>An import takes each batch's times into the companies' 首次/最后联系时间 without
    /// recomputing them: earlier moves the first, later the last (also within the same day, where a
    /// time stored in another text form would compare wrongly on SQLite), inside leaves both.</summary>
    [Fact]
    public async Task Records_MoveTheCompaniesFirstAndLastContactTimesOnlyOutward()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var names = new List<string>();
        var ids = new List<long>();
        foreach (var label in new[] { "早", "中", "晚", "空" })
        {
            var name = AdminTestHelpers.Unique("时间单位" + label);
            using var created = await lin.PostAsJsonAsync("/api/v1/companies", new { name });
            names.Add(name);
            ids.Add((await created.ReadObjectAsync())["id"]!.GetValue<long>());
        }
        var plus8 = TimeSpan.FromHours(8);
        foreach (var id in ids.Take(3))
        {
            foreach (var at in new[] { new DateTimeOffset(2026, 3, 5, 9, 30, 0, plus8), new DateTimeOffset(2026, 6, 1, 10, 15, 0, plus8) })
            {
                using var record = await lin.PostAsJsonAsync("/api/v1/contact-records", new { companyId = id, contactedAt = at, contactName = "王经理" });
                record.StatusCode.ShouldBe(HttpStatusCode.Created);
            }
        }

        var preview = await UploadedAsync(lin, "contact-records", Utf8Csv(
            "联系时间,单位名称,联系人",
            $"2026-03-05 08:00,{names[0]},李工",
            $"2026-04-01 10:00,{names[0]},李工",
            $"2026-04-01 10:00,{names[1]},李工",
            $"2026-06-01 10:14,{names[1]},李工",
            $"2026-06-01 11:00,{names[2]},李工",
            $"2026-07-01 09:00,{names[3]},李工",
            $"2026-02-01 09:00,{names[3]},李工"), "times.csv");
        preview.Int("toCreate").ShouldBe(7);
        await CommitAsync(lin, preview["id"]!.GetValue<long>(), "skipBadRows");
        (await WaitAsync(lin, preview["id"]!.GetValue<long>())).Int("created").ShouldBe(7);

        static DateTime Utc(int month, int day, int hour, int minute) => new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);
        var times = await app.WithDbAsync(db => db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.FirstContactAt, c.LastContactAt }).ToListAsync());
        times.Select(t => (t.FirstContactAt, t.LastContactAt)).ShouldBe([
            (Utc(3, 5, 8, 0), Utc(6, 1, 10, 15)),
            (Utc(3, 5, 9, 30), Utc(6, 1, 10, 15)),
            (Utc(3, 5, 9, 30), Utc(6, 1, 11, 0)),
            (Utc(2, 1, 9, 0), Utc(7, 1, 9, 0)),
        ]);
        // The same as recomputing them from the records.
        var recomputed = await app.WithDbAsync(db => db.ContactRecords.AsNoTracking().Where(r => ids.Contains(r.CompanyId)).GroupBy(r => r.CompanyId)
            .OrderBy(g => g.Key).Select(g => new { First = (DateTime?)g.Min(r => r.ContactedAt), Last = (DateTime?)g.Max(r => r.ContactedAt) }).ToListAsync());
        recomputed.Select(r => (r.First, r.Last)).ShouldBe(times.Select(t => (t.FirstContactAt, t.LastContactAt)));
    }
}

public sealed class ContactRecordImportTestsOnSqlite(SqliteApp app) : ContactRecordImportTests(app), IClassFixture<SqliteApp>;

public sealed class ContactRecordImportTestsOnPostgres(PostgresApp app) : ContactRecordImportTests(app), IClassFixture<PostgresApp>;
