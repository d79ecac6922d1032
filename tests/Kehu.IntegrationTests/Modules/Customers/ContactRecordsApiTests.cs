using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Customers;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Customers;

public abstract class ContactRecordsApiTests(KehuApp app)
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Mar = new(2026, 3, 5, 14, 30, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Jun = new(2026, 6, 1, 10, 15, 0, TimeSpan.FromHours(8));

    private async Task<long> NewCompanyAsync(HttpClient api)
    {
        var body = await (await api.PostAsJsonAsync("/api/v1/companies", new { name = "记录测试" + Guid.NewGuid().ToString("N")[..8] })).ReadObjectAsync();
        return body["id"]!.GetValue<long>();
    }

    private static async Task<long> RecordAsync(HttpClient api, long companyId, DateTimeOffset at, string contactName = "王经理")
    {
        using var response = await api.PostAsJsonAsync("/api/v1/contact-records", new { companyId, contactedAt = at, contactName, content = "电话沟通" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    private Task<Company> CompanyAsync(long id) => app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task Add_SetsFirstAndLastContactTimeOfTheCompany()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await NewCompanyAsync(api);

        await RecordAsync(api, company, Mar);
        await RecordAsync(api, company, Jan);
        await RecordAsync(api, company, Jun);

        var c = await CompanyAsync(company);
        c.FirstContactAt.ShouldBe(Jan.UtcDateTime);
        c.LastContactAt.ShouldBe(Jun.UtcDateTime);
    }

    [Fact]
    public async Task Edit_OfTheLatestRecordsTime_MovesLastContactTime()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await NewCompanyAsync(api);
        await RecordAsync(api, company, Jan);
        var latest = await RecordAsync(api, company, Jun);

        using var response = await api.PutAsJsonAsync($"/api/v1/contact-records/{latest}", new { companyId = company, contactedAt = Mar, contactName = "王经理", version = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CompanyAsync(company)).LastContactAt.ShouldBe(Mar.UtcDateTime);
    }

    [Fact]
    public async Task Delete_OfTheEarliestRecord_MovesFirstContactTime_AndDeletingAllClearsThem()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await NewCompanyAsync(api);
        var first = await RecordAsync(api, company, Jan);
        var second = await RecordAsync(api, company, Jun);

        (await api.DeleteAsync($"/api/v1/contact-records/{first}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CompanyAsync(company)).FirstContactAt.ShouldBe(Jun.UtcDateTime);

        (await api.DeleteAsync($"/api/v1/contact-records/{second}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var c = await CompanyAsync(company);
        c.FirstContactAt.ShouldBeNull();
        c.LastContactAt.ShouldBeNull();
    }

    [Fact]
    public async Task Move_ToAnotherCompany_RecomputesBothCompanies()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var from = await NewCompanyAsync(api);
        var to = await NewCompanyAsync(api);
        await RecordAsync(api, from, Jan);
        var moving = await RecordAsync(api, from, Jun);
        await RecordAsync(api, to, Mar);

        using var response = await api.PutAsJsonAsync($"/api/v1/contact-records/{moving}", new { companyId = to, contactedAt = Jun, contactName = "王经理", version = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = await CompanyAsync(from);
        (a.FirstContactAt, a.LastContactAt).ShouldBe((Jan.UtcDateTime, Jan.UtcDateTime));
        var b = await CompanyAsync(to);
        (b.FirstContactAt, b.LastContactAt).ShouldBe((Mar.UtcDateTime, Jun.UtcDateTime));
    }

    [Fact]
    public async Task Create_WithoutTimeCompanyOrContact_IsRefusedNamingEachFieldAndSavesNothing()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var before = await app.WithDbAsync(db => db.ContactRecords.CountAsync());

        using var response = await api.PostAsJsonAsync("/api/v1/contact-records", new { content = "没有必填项" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("contactedAt")).ShouldContain("联系时间不能为空");
        (await response.FieldErrorsAsync("companyId")).ShouldContain("单位名称不能为空");
        (await app.WithDbAsync(db => db.ContactRecords.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Create_WithAContactOfAnotherCompany_IsRefused()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await NewCompanyAsync(api);
        var otherContact = await app.WithDbAsync(db => db.Contacts.Where(c => c.CompanyId != company).Select(c => c.Id).FirstAsync());

        using var response = await api.PostAsJsonAsync("/api/v1/contact-records", new { companyId = company, contactedAt = Jan, contactId = otherContact });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("contactId")).ShouldContain("联系人不属于该单位");
    }

    [Fact]
    public async Task Create_WithAListedContact_TakesTheContactsName()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var xiaolin = await app.UserIdAsync("xiaolin");
        var (companyId, contactId, name) = await app.WithDbAsync(db =>
            (from c in db.Contacts join co in db.Companies on c.CompanyId equals co.Id where co.OwnerId == xiaolin select new { c.CompanyId, c.Id, c.Name })
            .FirstAsync().ContinueWith(t => (t.Result.CompanyId, t.Result.Id, t.Result.Name)));

        using var response = await api.PostAsJsonAsync("/api/v1/contact-records", new { companyId, contactedAt = Jan, contactId, contactName = "ignored" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.ReadObjectAsync())["contactName"]!.GetValue<string>().ShouldBe(name);
    }

    [Fact]
    public async Task Create_ForAnotherSalespersonsCompany_IsRefusedAndTheirRecordsAreInvisible()
    {
        using var admin = await app.ApiAsAsync("admin");
        var foreign = (await (await admin.PostAsJsonAsync("/api/v1/companies", new { name = "他人客户" + Guid.NewGuid().ToString("N")[..6], ownerId = await app.UserIdAsync("xiaowang") })).ReadObjectAsync())["id"]!.GetValue<long>();
        var record = await RecordAsync(admin, foreign, Jan);
        using var xiaolin = await app.ApiAsAsync("xiaolin");

        using var create = await xiaolin.PostAsJsonAsync("/api/v1/contact-records", new { companyId = foreign, contactedAt = Jan, contactName = "x" });
        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await create.FieldErrorsAsync("companyId")).ShouldNotBeEmpty();
        (await xiaolin.GetAsync($"/api/v1/contact-records/{record}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await xiaolin.DeleteAsync($"/api/v1/contact-records/{record}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await xiaolin.GetAsync($"/api/v1/contact-records?companyId={foreign}")).ReadObjectAsync();
        list["items"]!.AsArray().Count.ShouldBe(0);
        (await app.WithDbAsync(db => db.ContactRecords.CountAsync(r => r.CompanyId == foreign))).ShouldBe(1);
    }

    [Fact]
    public async Task Update_WithStaleVersion_Is409AndChangesNothing()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await NewCompanyAsync(api);
        var id = await RecordAsync(api, company, Jan);
        (await api.PutAsJsonAsync($"/api/v1/contact-records/{id}", new { companyId = company, contactedAt = Jan, contactName = "第一次", version = 1 })).EnsureSuccessStatusCode();

        using var stale = await api.PutAsJsonAsync($"/api/v1/contact-records/{id}", new { companyId = company, contactedAt = Jun, contactName = "第二次", version = 1 });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var saved = await app.WithDbAsync(db => db.ContactRecords.AsNoTracking().SingleAsync(r => r.Id == id));
        saved.ContactName.ShouldBe("第一次");
        (await CompanyAsync(company)).LastContactAt.ShouldBe(Jan.UtcDateTime);
    }

    [Fact]
    public async Task List_IsNewestFirstAndPagesWithoutGaps()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await NewCompanyAsync(api);
        var times = Enumerable.Range(0, 7).Select(i => Jan.AddDays(i * 3)).ToList();
        foreach (var t in times) await RecordAsync(api, company, t);

        var seen = new List<DateTime>();
        string? cursor = null;
        do
        {
            var page = await (await api.GetAsync($"/api/v1/contact-records?companyId={company}&limit=3&cursor={cursor}")).ReadObjectAsync();
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["contactedAt"]!.GetValue<DateTime>().ToUniversalTime()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        seen.ShouldBe(times.Select(t => t.UtcDateTime).OrderDescending().ToList());
    }
}

public sealed class ContactRecordsApiTestsOnSqlite(SqliteApp app) : ContactRecordsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ContactRecordsApiTestsOnPostgres(PostgresApp app) : ContactRecordsApiTests(app), IClassFixture<PostgresApp>;
