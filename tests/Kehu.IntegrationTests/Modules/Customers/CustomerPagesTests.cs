using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Customers;

public abstract class CustomerPagesTests(KehuApp app)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task NewCompanyForm_WithEmptyName_ShowsTheFieldErrorAndSavesNothing()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        var before = await app.WithDbAsync(db => db.Companies.CountAsync());

        using var response = await page.SubmitFormAsync("/customers/companies/new", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Phone"] = "0571-1" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        doc.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()).ShouldContain("单位名称不能为空");
        (await app.WithDbAsync(db => db.Companies.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task NewCompanyForm_Saves_AndTheDetailPageShowsIt()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        var name = Unique("杭州页面测试机电");

        using var response = await page.SubmitFormAsync("/customers/companies/new", new Dictionary<string, string> { ["Input.Name"] = name });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detail = await page.GetDocumentAsync(response.Headers.Location!.ToString());
        detail.QuerySelector("h1")!.TextContent.ShouldContain(name);
    }

    [Fact]
    public async Task EditForm_SubmittedAfterSomeoneElseSaved_ShowsConflictAndKeepsTheirChange()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var created = await (await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("并发页面") })).ReadObjectAsync();
        var id = created["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaolin");
        var form = await page.GetDocumentAsync($"/customers/companies/{id}/edit");
        (await api.PutAsJsonAsync($"/api/v1/companies/{id}", new { name = created["name"]!.GetValue<string>(), phone = "theirs", version = 1 })).EnsureSuccessStatusCode();

        using var response = await page.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("#company-form")!,
            $"/customers/companies/{id}/edit", new Dictionary<string, string> { ["Input.Phone"] = "mine" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("该记录已被其他人修改");
        (await app.WithDbAsync(db => db.Companies.Where(c => c.Id == id).Select(c => c.Phone).SingleAsync())).ShouldBe("theirs");
    }

    [Fact]
    public async Task CompanyList_SearchByChineseSubstring_ShowsOnlyMatches()
    {
        using var page = await app.BrowserAsAsync("admin");

        var doc = await page.GetDocumentAsync("/customers/companies?q=" + Uri.EscapeDataString("机电") + "&limit=200");

        var names = doc.QuerySelectorAll("#companies tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        names.ShouldNotBeEmpty();
        names.ShouldAllBe(n => n.Contains("机电"));
    }

    [Fact]
    public async Task CompanyList_ForASalesperson_ShowsTheirCompaniesAndThoseSharedWithThem()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        var xiaolin = await app.UserIdAsync("xiaolin");
        var (own, shared) = await app.WithDbAsync(async db => (
            await db.Companies.CountAsync(c => c.OwnerId == xiaolin),
            await db.CompanyShares.Where(s => s.UserId == xiaolin).Select(s => s.CompanyId).ToListAsync()));
        shared.ShouldNotBeEmpty("the demo data shares one of 赵经理's companies with 小林");

        var doc = await page.GetDocumentAsync("/customers/companies?limit=200");

        var rows = doc.QuerySelectorAll("#companies tbody tr");
        rows.Length.ShouldBe(own + shared.Count);
        var marked = rows.Where(r => r.QuerySelector(".shared-badge") is not null)
            .Select(r => r.QuerySelector("td:nth-child(7)")!.TextContent.Trim()).ToList();
        marked.Count.ShouldBe(shared.Count);
        marked.ShouldAllBe(owner => owner != "小林");
        rows.Where(r => r.QuerySelector(".shared-badge") is null).Select(r => r.QuerySelector("td:nth-child(7)")!.TextContent.Trim())
            .Distinct().ShouldBe(["小林"]);
    }

    [Fact]
    public async Task CompanyDetail_OfAnotherUsersCompany_IsNotFound()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        var xiaowang = await app.UserIdAsync("xiaowang");
        var foreign = await app.WithDbAsync(db => db.Companies.Where(c => c.OwnerId == xiaowang).Select(c => c.Id).FirstAsync());

        using var response = await page.Http.GetAsync($"/customers/companies/{foreign}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var edit = await page.Http.GetAsync($"/customers/companies/{foreign}/edit");
        edit.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ContactDropDown_ForAChosenCompany_OffersOnlyThatCompanysContacts()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        var xiaolin = await app.UserIdAsync("xiaolin");
        var (companyId, expected) = await app.WithDbAsync(async db =>
        {
            var id = await db.Companies.Where(c => c.OwnerId == xiaolin && db.Contacts.Count(p => p.CompanyId == c.Id) > 1).Select(c => c.Id).FirstAsync();
            return (id, await db.Contacts.Where(c => c.CompanyId == id).Select(c => c.Id).ToListAsync());
        });

        var fragment = await page.GetDocumentAsync($"/customers/contact-records/new?handler=Contacts&Input.CompanyId={companyId}");

        var offered = fragment.QuerySelectorAll("#Input_ContactId option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).Select(v => long.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        offered.Order().ShouldBe(expected.Order());
    }

    [Fact]
    public async Task ContactRecordForm_WithATypedName_SavesAndTheCompanyShowsContactTimes()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var company = (await (await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("跟进测试") })).ReadObjectAsync())["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaolin");

        using var response = await page.SubmitFormAsync($"/customers/contact-records/new?companyId={company}", new Dictionary<string, string>
        {
            ["Input.ContactedAt"] = "2026-11-20T09:30",
            ["Input.ContactName"] = "手工填写的人",
            ["Input.Content"] = "拜访",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detail = await page.GetDocumentAsync($"/customers/companies/{company}");
        detail.QuerySelector("#first-contact")!.TextContent.Trim().ShouldBe("2026-11-20 09:30");
        detail.QuerySelector("#last-contact")!.TextContent.Trim().ShouldBe("2026-11-20 09:30");
        detail.QuerySelector("#contact-records")!.TextContent.ShouldContain("手工填写的人");
    }

    [Fact]
    public async Task Workbench_ListsFollowUpsDue_AndANewerContactSettlesThem()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var name = Unique("待跟进");
        var company = (await (await api.PostAsJsonAsync("/api/v1/companies", new { name })).ReadObjectAsync())["id"]!.GetValue<long>();
        var yesterday = DateTimeOffset.UtcNow.AddDays(-2);
        (await api.PostAsJsonAsync("/api/v1/contact-records", new { companyId = company, contactedAt = yesterday, contactName = "甲", nextContactAt = yesterday.AddHours(1) })).EnsureSuccessStatusCode();
        using var page = await app.BrowserAsAsync("xiaolin");

        (await page.GetDocumentAsync("/")).QuerySelector("#follow-ups")!.TextContent.ShouldContain(name);

        (await api.PostAsJsonAsync("/api/v1/contact-records", new { companyId = company, contactedAt = DateTimeOffset.UtcNow.AddMinutes(-5), contactName = "甲" })).EnsureSuccessStatusCode();
        (await page.GetDocumentAsync("/")).QuerySelector("#follow-ups")!.TextContent.ShouldNotContain(name);
    }

    [Fact]
    public async Task Pages_WithoutLogin_RedirectToLogin()
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/customers/companies");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejectedAndSavesNothing()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        var name = Unique("无令牌");

        using var response = await page.Http.PostAsync("/customers/companies/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = name }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Companies.AnyAsync(c => c.Name == name))).ShouldBeFalse();
    }

    [Fact]
    public async Task Pages_ForABrowserAskingForEnglish_StayChineseUntilTheUserSwitches()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        page.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var doc = await page.GetDocumentAsync("/customers/companies");

        doc.QuerySelector("h1")!.TextContent.Trim().ShouldBe("客户信息表");
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglish_ShowsEnglishLabels()
    {
        using var page = await app.BrowserAsAsync("xiaolin");

        using var response = await page.PostWithTokenAsync("/", "/culture", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/customers/companies" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await page.GetDocumentAsync("/customers/companies");
        doc.QuerySelector("h1")!.TextContent.Trim().ShouldBe("Companies");
        doc.DocumentElement.GetAttribute("lang").ShouldBe("en");
    }
}

public sealed class CustomerPagesTestsOnSqlite(SqliteApp app) : CustomerPagesTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerPagesTestsOnPostgres(PostgresApp app) : CustomerPagesTests(app), IClassFixture<PostgresApp>;
