using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Customers;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Customers;

/// <summary>The sort choices of the contacts and contact-records lists: each order pages forward
/// and back over every row once, in the order the database itself sorts the whole list.</summary>
public abstract class ListSortingTests(KehuApp app)
{
    private static readonly DateTimeOffset Day = new(2026, 2, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static async Task<JsonObject> GetAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private static List<long> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();

    private static async Task<long> NewCompanyAsync(HttpClient api)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/companies", new { name = "排序测试单位" + Guid.NewGuid().ToString("N")[..8] });
        response.EnsureSuccessStatusCode();
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    /// <summary>The contacts xiaolin may see, ordered by the database.</summary>
    private Task<List<long>> XiaolinsContactsAsync(Func<IQueryable<Contact>, IQueryable<Contact>> order) =>
        app.WithDbAsync(async db =>
        {
            var me = await db.Users.Where(u => u.NormalizedUserName == "xiaolin").Select(u => u.Id).SingleAsync();
            var visible = db.Contacts.Where(c => db.Companies.Any(co => co.Id == c.CompanyId && (co.OwnerId == me || db.CompanyShares.Any(s => s.CompanyId == co.Id && s.UserId == me))));
            return await order(visible).Select(c => c.Id).ToListAsync();
        });

    [Fact]
    public async Task Contacts_EachSortAndDirection_PagesBothWaysOverEveryVisibleContactOnce()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await NewCompanyAsync(api);
        // Two contacts with the same name: the id breaks the tie.
        foreach (var name in new[] { "同名", "同名", "Ａlice", "alice", "张三" })
            (await api.PostAsJsonAsync("/api/v1/contacts", new { companyId = company, name })).EnsureSuccessStatusCode();

        var cases = new (string Query, Func<IQueryable<Contact>, IQueryable<Contact>> Order)[]
        {
            ("", q => q.OrderByDescending(c => c.Id)),
            ("sort=created&dir=asc", q => q.OrderBy(c => c.Id)),
            ("sort=name&dir=asc", q => q.OrderBy(c => c.NormalizedName).ThenBy(c => c.Id)),
            ("sort=name", q => q.OrderByDescending(c => c.NormalizedName).ThenByDescending(c => c.Id)),
            ("sort=company&dir=asc", q => q.OrderBy(c => c.CompanyId).ThenBy(c => c.Id)),
            ("sort=COMPANY&dir=desc", q => q.OrderByDescending(c => c.CompanyId).ThenByDescending(c => c.Id)),
        };
        foreach (var (query, order) in cases)
        {
            var expected = await XiaolinsContactsAsync(order);
            expected.Count.ShouldBeGreaterThan(10);
            (await ContactSearchTests.PageBothWaysAsync(api, "/api/v1/contacts?" + query, limit: 4)).ShouldBe(expected, query);
        }
    }

    [Fact]
    public async Task ContactRecords_ByNextContactTime_PutRecordsWithoutOneLast_InBothDirections()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await NewCompanyAsync(api);
        var records = new List<(long Id, DateTime Contacted, DateTime? Next)>();
        foreach (var (contacted, next) in new (int, int?)[] { (0, 5), (1, null), (2, 3), (3, 5), (4, null), (5, 9), (6, null), (7, 3) })
        {
            var at = Day.AddDays(contacted);
            DateTimeOffset? nextAt = next is { } n ? Day.AddDays(10 + n) : null;
            using var response = await api.PostAsJsonAsync("/api/v1/contact-records", new { companyId = company, contactedAt = at, contactName = "王经理", nextContactAt = nextAt });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            records.Add(((await response.ReadObjectAsync())["id"]!.GetValue<long>(), at.UtcDateTime, nextAt?.UtcDateTime));
        }
        var url = $"/api/v1/contact-records?companyId={company}";

        var ascending = records.Where(r => r.Next is not null).OrderBy(r => r.Next).ThenBy(r => r.Id)
            .Concat(records.Where(r => r.Next is null).OrderBy(r => r.Id)).Select(r => r.Id).ToList();
        var descending = records.Where(r => r.Next is not null).OrderByDescending(r => r.Next).ThenByDescending(r => r.Id)
            .Concat(records.Where(r => r.Next is null).OrderByDescending(r => r.Id)).Select(r => r.Id).ToList();
        foreach (var limit in new[] { 1, 2, 3, 5 })
        {
            (await ContactSearchTests.PageBothWaysAsync(api, url + "&sort=nextContact&dir=asc", limit)).ShouldBe(ascending, $"asc, limit {limit}");
            (await ContactSearchTests.PageBothWaysAsync(api, url + "&sort=nextContact", limit)).ShouldBe(descending, $"desc, limit {limit}");
        }
        (await ContactSearchTests.PageBothWaysAsync(api, url, 3)).ShouldBe(records.OrderByDescending(r => r.Contacted).Select(r => r.Id));
        (await ContactSearchTests.PageBothWaysAsync(api, url + "&sort=contacted&dir=asc", 3)).ShouldBe(records.OrderBy(r => r.Contacted).Select(r => r.Id));
    }

    [Fact]
    public async Task ContactRecords_EachSort_PagesBothWaysOverEveryVisibleRecordOnce()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var rows = await app.WithDbAsync(async db =>
        {
            var me = await db.Users.Where(u => u.NormalizedUserName == "xiaolin").Select(u => u.Id).SingleAsync();
            return await db.ContactRecords.Where(r => db.Companies.Any(co => co.Id == r.CompanyId && (co.OwnerId == me || db.CompanyShares.Any(s => s.CompanyId == co.Id && s.UserId == me))))
                .Select(r => new { r.Id, r.ContactedAt, r.NextContactAt }).ToListAsync();
        });
        rows.Count.ShouldBeGreaterThan(10);
        rows.ShouldContain(r => r.NextContactAt == null);
        rows.ShouldContain(r => r.NextContactAt != null);

        (await ContactSearchTests.PageBothWaysAsync(api, "/api/v1/contact-records?sort=contacted", 6))
            .ShouldBe(rows.OrderByDescending(r => r.ContactedAt).ThenByDescending(r => r.Id).Select(r => r.Id));
        (await ContactSearchTests.PageBothWaysAsync(api, "/api/v1/contact-records?sort=nextContact&dir=asc", 6))
            .ShouldBe(rows.OrderBy(r => r.NextContactAt is null).ThenBy(r => r.NextContactAt).ThenBy(r => r.Id).Select(r => r.Id));
    }

    [Fact]
    public async Task UnknownSortValues_FallBackToEachListsDefaultOrder()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        foreach (var list in new[] { "contacts", "contact-records", "companies" })
        {
            var byDefault = Ids(await GetAsync(api, $"/api/v1/{list}?limit=50"));
            byDefault.Count.ShouldBeGreaterThan(1);
            foreach (var sort in new[] { "bogus", "1", "5", "name,created", "" })
                Ids(await GetAsync(api, $"/api/v1/{list}?limit=50&sort={sort}")).ShouldBe(byDefault, $"{list} sort={sort}");
            Ids(await GetAsync(api, $"/api/v1/{list}?limit=50&dir=sideways")).ShouldBe(byDefault, $"{list} dir=sideways");
        }
    }

    [Fact]
    public async Task ListPages_ShowTheChosenSortAndKeepItInTheirPagingLinks()
    {
        using var browser = await app.BrowserAsAsync("xiaolin");

        var contacts = await browser.GetDocumentAsync("/customers/contacts?sort=name&dir=asc&limit=2");
        contacts.QuerySelector<IHtmlSelectElement>("#f-sort")!.Value.ShouldBe("name");
        contacts.QuerySelector<IHtmlSelectElement>("#f-dir")!.Value.ShouldBe("asc");
        var next = contacts.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        next.ShouldContain("sort=name");
        next.ShouldContain("dir=asc");
        var second = await browser.GetDocumentAsync("/customers/contacts" + next);
        second.QuerySelectorAll("#contacts tbody tr").Length.ShouldBe(2);

        var records = await browser.GetDocumentAsync("/customers/contact-records?sort=nextContact&dir=asc&limit=2");
        records.QuerySelector<IHtmlSelectElement>("#f-sort")!.Value.ShouldBe("nextContact");
        records.QuerySelector<IHtmlSelectElement>("#f-dir")!.Value.ShouldBe("asc");
        records.QuerySelector("a[rel=next]")!.GetAttribute("href")!.ShouldContain("sort=nextContact");
        var firstRow = records.QuerySelectorAll("#contact-records-table tbody tr")[0].QuerySelectorAll("td")[5].TextContent.Trim();
        firstRow.ShouldNotBeEmpty("the earliest next contact time comes first");
    }
}

public sealed class ListSortingTestsOnSqlite(SqliteApp app) : ListSortingTests(app), IClassFixture<SqliteApp>;

public sealed class ListSortingTestsOnPostgres(PostgresApp app) : ListSortingTests(app), IClassFixture<PostgresApp>;
