using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kehu.IntegrationTests.Modules.Customers;

/// <summary>Contact search through the gram index: what it finds is compared with a plain
/// substring test over every contact the user may see.</summary>
public abstract class ContactSearchTests(KehuApp app)
{
    /// <summary>Three random CJK characters: a name part no other contact has.</summary>
    private static string Tag() => string.Concat(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)));

    /// <summary>An eleven-digit mobile number no other contact has.</summary>
    private static string Mobile() => "15" + Random.Shared.NextInt64(100_000_000, 999_999_999);

    private static async Task<long> NewCompanyAsync(HttpClient api, long? ownerId = null)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/companies", new { name = "搜索测试单位" + Guid.NewGuid().ToString("N")[..8], ownerId });
        response.EnsureSuccessStatusCode();
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    private static async Task<long> NewContactAsync(HttpClient api, long companyId, string name, string? mobile = null, string? phone = null)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/contacts", new { companyId, name, mobile, phone });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    private static async Task<JsonObject> GetAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private static List<long> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();

    /// <summary>Every contact found for <paramref name="q"/>, following the next cursor to the end.</summary>
    private static async Task<List<long>> SearchAllAsync(HttpClient api, string q, int limit = 200)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(api, $"/api/v1/contacts?q={Uri.EscapeDataString(q)}&limit={limit}&cursor={cursor}");
            ids.AddRange(Ids(page));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        return ids;
    }

    /// <summary>The oracle: the contacts the user may see whose normalised name contains the text,
    /// or whose mobile or phone digits contain the digits, newest first.</summary>
    private Task<List<long>> ExpectedAsync(string userName, Func<(string Name, string? Mobile, string? Phone), bool> matches) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedUserName == userName);
            var seesAll = userName == "admin";
            var owners = seesAll ? null : await db.Users.Where(u => u.Id == user.Id).Select(u => u.Id).ToListAsync();
            var shared = await db.CompanyShares.Where(s => s.UserId == user.Id).Select(s => s.CompanyId).ToListAsync();
            var rows = await db.Contacts.AsNoTracking()
                .Join(db.Companies, c => c.CompanyId, co => co.Id, (c, co) => new { c.Id, c.Name, c.Mobile, c.Phone, co.OwnerId, c.CompanyId })
                .ToListAsync();
            return rows.Where(r => (owners is null || owners.Contains(r.OwnerId) || shared.Contains(r.CompanyId)) && matches((r.Name, r.Mobile, r.Phone)))
                .OrderByDescending(r => r.Id).Select(r => r.Id).ToList();
        });

    private static Func<(string Name, string? Mobile, string? Phone), bool> NameHas(string q) =>
        c => NameNormalizer.Normalize(c.Name).Contains(NameNormalizer.Normalize(q), StringComparison.Ordinal);

    private static Func<(string Name, string? Mobile, string? Phone), bool> NumberHas(string digits) =>
        c => Digits(c.Mobile).Contains(digits, StringComparison.Ordinal) || (Digits(c.Phone) is { Length: > 0 } p && p.Contains(digits, StringComparison.Ordinal));

    private static string Digits(string? s) => string.Concat((s ?? "").Where(char.IsAsciiDigit));

    [Fact]
    public async Task ByNameSubstring_OfOneTwoOrMoreCharacters_FindsExactlyTheContactsWhoseNameContainsIt()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var tag = Tag();
        var front = await NewContactAsync(api, companyId, tag + "丽华");
        var middle = await NewContactAsync(api, companyId, "欧" + tag + "文");
        var back = await NewContactAsync(api, companyId, "王" + tag);
        // Has every pair of characters of the tag, but not the tag: only the substring test drops it.
        await NewContactAsync(api, companyId, tag[1..] + tag[..2]);

        (await SearchAllAsync(api, tag)).ShouldBe([back, middle, front]);
        foreach (var q in new[] { tag, tag[..2], tag[1..], tag[1..2], tag + "丽", "欧" + tag[..1], "丽华" })
            (await SearchAllAsync(api, q)).ShouldBe(await ExpectedAsync("xiaolin", NameHas(q)), $"q={q}");
    }

    [Fact]
    public async Task ByName_IgnoresWidthCaseAndOuterSpaces_AsNamesAreNormalised()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var tag = Tag();
        var id = await NewContactAsync(api, companyId, $"Ｌｉ　{tag}");

        (await SearchAllAsync(api, $"  li {tag[..1]}")).ShouldBe([id]);
        (await SearchAllAsync(api, $"LI {tag}")).ShouldBe([id]);
    }

    [Fact]
    public async Task ByNumber_FindsExactlyTheContactsWhoseMobileOrPhoneDigitsContainIt()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var mobile = Mobile();
        var byMobile = await NewContactAsync(api, companyId, "号码甲", mobile: mobile);
        var byPhone = await NewContactAsync(api, companyId, "号码乙", phone: $"021-{mobile[3..7]} {mobile[7..]}");
        await NewContactAsync(api, companyId, "号码丙", mobile: Mobile());

        (await SearchAllAsync(api, mobile[3..])).ShouldBe([byPhone, byMobile]);
        (await SearchAllAsync(api, mobile)).ShouldBe([byMobile]);
        (await SearchAllAsync(api, $"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}")).ShouldBe([byMobile]);
        // Five digits can also be in someone else's number: exactly those contacts, this one among them.
        var wide = await SearchAllAsync(api, "0" + "２１" + mobile[3..5]);
        wide.ShouldBe(await ExpectedAsync("xiaolin", NumberHas("021" + mobile[3..5])));
        wide.ShouldContain(byPhone);
        foreach (var digits in new[] { mobile[^4..], mobile[2..8], mobile[5..9], "1" + mobile[..3] })
            (await SearchAllAsync(api, digits)).ShouldBe(await ExpectedAsync("xiaolin", NumberHas(digits)), $"q={digits}");
    }

    [Fact]
    public async Task ByNumber_NeverMatchesAcrossTheMobileAndThePhone()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var mobile = Mobile();
        var phone = Mobile();
        var id = await NewContactAsync(api, companyId, "跨号码", mobile: mobile, phone: phone);

        (await SearchAllAsync(api, mobile[^3..] + phone[..3])).ShouldNotContain(id);
        (await SearchAllAsync(api, phone[..6])).ShouldContain(id);
    }

    [Fact]
    public async Task ShortNumber_IsRefusedOnQInTheUsersLanguage_AndAOneCharacterNameIsSearched()
    {
        using var api = await app.ApiAsAsync("xiaolin");

        using var response = await api.GetAsync("/api/v1/contacts?q=" + Uri.EscapeDataString("13-9"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("q")).ShouldBe(["按号码搜索时请至少输入 4 位数字"]);

        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        using var english = await api.GetAsync("/api/v1/contacts?q=139");
        (await english.FieldErrorsAsync("q")).ShouldBe(["Enter at least 4 digits to search by number"]);

        using var browser = await app.BrowserAsAsync("xiaolin");
        var doc = await browser.GetDocumentAsync("/customers/contacts?q=139");
        doc.QuerySelector("#f-q-error")!.TextContent.Trim().ShouldBe("按号码搜索时请至少输入 4 位数字");
        doc.QuerySelector("#f-q")!.ClassList.ShouldContain("is-invalid");
        doc.QuerySelector("#contacts").ShouldBeNull();

        (await SearchAllAsync(api, "王")).ShouldBe(await ExpectedAsync("xiaolin", NameHas("王")));
    }

    [Fact]
    public async Task Index_FollowsEditsAndDeletes()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var (before, after) = (Tag(), Tag());
        var (oldMobile, newMobile) = (Mobile(), Mobile());
        var id = await NewContactAsync(api, companyId, "张" + before, mobile: oldMobile);
        (await SearchAllAsync(api, before)).ShouldBe([id]);
        (await SearchAllAsync(api, oldMobile[4..])).ShouldBe([id]);

        using var edit = await api.PutAsJsonAsync($"/api/v1/contacts/{id}", new { companyId, name = "张" + after, mobile = newMobile, version = 1 });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());

        (await SearchAllAsync(api, before)).ShouldBeEmpty();
        (await SearchAllAsync(api, oldMobile[4..])).ShouldBeEmpty();
        (await SearchAllAsync(api, after)).ShouldBe([id]);
        (await SearchAllAsync(api, "张" + after[..1])).ShouldBe([id]);
        (await SearchAllAsync(api, newMobile[4..])).ShouldBe([id]);

        // An edit that keeps the name and numbers leaves the index rows alone.
        var grams = await app.WithDbAsync(db => db.ContactSearchGrams.Where(g => g.ContactId == id).Select(g => g.Gram).OrderBy(g => g).ToListAsync());
        grams.ShouldBe(ContactSearch.Grams(NameNormalizer.Normalize("张" + after), newMobile).Order(StringComparer.Ordinal), ignoreOrder: true);
        using var titleOnly = await api.PutAsJsonAsync($"/api/v1/contacts/{id}", new { companyId, name = "张" + after, mobile = newMobile, title = "经理", version = 2 });
        titleOnly.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SearchAllAsync(api, after)).ShouldBe([id]);

        (await api.DeleteAsync($"/api/v1/contacts/{id}?version=3")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await SearchAllAsync(api, after)).ShouldBeEmpty();
        (await SearchAllAsync(api, newMobile[4..])).ShouldBeEmpty();
        (await app.WithDbAsync(db => db.ContactSearchGrams.CountAsync(g => g.ContactId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task AnotherSalespersonsContacts_AreNotFound_ThroughTheApiOrThePage()
    {
        using var admin = await app.ApiAsAsync("admin");
        var hidden = await NewCompanyAsync(admin, await app.UserIdAsync("zhaojingli"));
        var tag = Tag();
        var mobile = Mobile();
        var id = await NewContactAsync(admin, hidden, "隐藏" + tag, mobile: mobile);
        using var xiaolin = await app.ApiAsAsync("xiaolin");

        foreach (var q in new[] { tag, tag[..2], mobile, mobile[5..] })
        {
            var page = await GetAsync(xiaolin, $"/api/v1/contacts?q={Uri.EscapeDataString(q)}");
            Ids(page).ShouldBeEmpty(q);
            page["total"]!.GetValue<int>().ShouldBe(0, q);
            (await SearchAllAsync(admin, q)).ShouldBe([id], q);
        }
        using var manager = await app.ApiAsAsync("zhaojingli");
        (await SearchAllAsync(manager, tag)).ShouldBe([id]);

        using var browser = await app.BrowserAsAsync("xiaolin");
        var doc = await browser.GetDocumentAsync("/customers/contacts?q=" + Uri.EscapeDataString(tag));
        doc.QuerySelector("#contacts").ShouldBeNull();
        (await SearchAllAsync(xiaolin, "隐")).ShouldBe(await ExpectedAsync("xiaolin", NameHas("隐")));
    }

    [Fact]
    public async Task SearchResults_PageForwardAndBackInEachSort_VisitingEveryMatchOnce()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var first = await NewCompanyAsync(api);
        var second = await NewCompanyAsync(api);
        var tag = Tag();
        var ids = new List<long>();
        foreach (var (company, name) in new[] { (second, "丙"), (first, "甲"), (second, "乙"), (first, "丁"), (second, "甲"), (first, "乙"), (first, "戊") })
            ids.Add(await NewContactAsync(api, company, tag + name));
        var q = Uri.EscapeDataString(tag);

        foreach (var query in new[] { "", "&sort=created&dir=asc", "&sort=name", "&sort=name&dir=asc", "&sort=company&dir=asc", "&sort=company" })
        {
            var all = Ids(await GetAsync(api, $"/api/v1/contacts?q={q}{query}&limit=200"));
            all.ShouldBe(ids, ignoreOrder: true);
            (await PageBothWaysAsync(api, $"/api/v1/contacts?q={q}{query}", limit: 2)).ShouldBe(all, query);
        }
        Ids(await GetAsync(api, $"/api/v1/contacts?q={q}")).ShouldBe(ids.OrderDescending());
        var byCompany = Ids(await GetAsync(api, $"/api/v1/contacts?q={q}&sort=company&dir=asc&limit=200"));
        byCompany.ShouldBe(ids.OrderBy(id => id == ids[0] || id == ids[2] || id == ids[4] ? second : first).ThenBy(id => id));
    }

    /// <summary>Pages forward to the end, then back from the last page to the first; both walks
    /// must give the same rows in the same order.</summary>
    internal static async Task<List<long>> PageBothWaysAsync(HttpClient api, string url, int limit)
    {
        var pages = new List<JsonObject>();
        string? cursor = null;
        do
        {
            pages.Count.ShouldBeLessThan(1000, "paging forward ends");
            var page = await GetAsync(api, $"{url}&limit={limit}&cursor={cursor}");
            pages.Add(page);
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        var forward = pages.SelectMany(Ids).ToList();
        forward.Distinct().Count().ShouldBe(forward.Count, "no row twice");

        var backward = Ids(pages[^1]);
        cursor = pages[^1]["previousCursor"]?.GetValue<string>();
        while (cursor is not null)
        {
            backward.Count.ShouldBeLessThanOrEqualTo(forward.Count, "paging back ends");
            var page = await GetAsync(api, $"{url}&limit={limit}&cursor={cursor}");
            backward.InsertRange(0, Ids(page));
            cursor = page["previousCursor"]?.GetValue<string>();
        }
        backward.ShouldBe(forward, "paging back gives the same rows");
        return forward;
    }

    [Fact]
    public async Task CountOfAFirstPage_IsExactAndLaterPagesAreNotCounted()
    {
        using var admin = await app.ApiAsAsync("admin");
        var companyId = await NewCompanyAsync(admin);
        var tag = Tag();
        for (var i = 0; i < 3; i++) await NewContactAsync(admin, companyId, tag + i);

        foreach (var q in new[] { tag, tag[..2], tag[1..2] })
        {
            var first = await GetAsync(admin, $"/api/v1/contacts?q={Uri.EscapeDataString(q)}&limit=2");
            first["total"]!.GetValue<int>().ShouldBe((await ExpectedAsync("admin", NameHas(q))).Count, q);
            var second = await GetAsync(admin, $"/api/v1/contacts?q={Uri.EscapeDataString(q)}&limit=2&cursor={first["nextCursor"]}");
            second["total"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task StartUp_IndexesContactsSavedBeforeTheIndex_WithoutTouchingTheirVersionOrHistory()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var tag = Tag();
        var mobile = Mobile();
        var id = await NewContactAsync(api, companyId, "老" + tag, mobile: mobile);
        // As the ContactSearch migration leaves a contact saved before it: no index rows, '' values.
        await app.WithDbAsync(async db =>
        {
            await db.ContactSearchGrams.Where(g => g.ContactId == id).ExecuteDeleteAsync();
            await db.Contacts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.NormalizedName, "").SetProperty(c => c.PhoneDigits, ""));
        });
        var stored = await app.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Id == id));
        (await SearchAllAsync(api, tag)).ShouldBeEmpty();

        await app.Services.InitializeDatabaseAsync(app.Services.GetRequiredService<IConfiguration>(), ["--migrate-only"]);

        (await SearchAllAsync(api, tag)).ShouldBe([id]);
        (await SearchAllAsync(api, mobile[3..9])).ShouldBe([id]);
        var after = await app.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Id == id));
        after.Version.ShouldBe(stored.Version);
        after.UpdatedAt.ShouldBe(stored.UpdatedAt);
        (await app.WithDbAsync(db => db.ChangeLog.CountAsync(e => e.EntityType == nameof(Contact) && e.EntityId == id))).ShouldBe(0);
        (await app.WithDbAsync(db => new ContactSearchBackfill().RunAsync(db, new Progress<int>(), CancellationToken.None))).ShouldBe(0, "nothing left to fill");
    }
}

public sealed class ContactSearchTestsOnSqlite(SqliteApp app) : ContactSearchTests(app), IClassFixture<SqliteApp>;

public sealed class ContactSearchTestsOnPostgres(PostgresApp app) : ContactSearchTests(app), IClassFixture<PostgresApp>;
