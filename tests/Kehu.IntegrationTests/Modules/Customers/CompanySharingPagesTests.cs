using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Customers;

/// <summary>共享 in the browser: the 共享给 card on the company page, what a colleague it is shared
/// with sees and may do, and shared companies in the list, drop-downs and workbench.</summary>
public abstract class CompanySharingPagesTests(KehuApp app)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<(long Id, string Name)> ZhaosCompanyAsync()
    {
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var name = Unique("页面共享");
        using var response = await zhao.PostAsJsonAsync("/api/v1/companies", new { name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return ((await response.ReadObjectAsync())["id"]!.GetValue<long>(), name);
    }

    private async Task ShareWithXiaolinAsync(long companyId)
    {
        using var zhao = await app.ApiAsAsync("zhaojingli");
        (await zhao.PostAsJsonAsync($"/api/v1/companies/{companyId}/shares", new { userId = await app.UserIdAsync("xiaolin") }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private Task<List<long>> SharedWithAsync(long companyId) =>
        app.WithDbAsync(db => db.CompanyShares.Where(s => s.CompanyId == companyId).Select(s => s.UserId).ToListAsync());

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Owner_SharesAndUnsharesOnTheCompanyPage_AndTheHistoryShowsBoth()
    {
        var (id, _) = await ZhaosCompanyAsync();
        var xiaolin = await app.UserIdAsync("xiaolin");
        using var page = await app.BrowserAsAsync("zhaojingli");
        var url = $"/customers/companies/{id}";

        using var share = await page.SubmitFormAsync(url, new Dictionary<string, string> { ["Share.UserId"] = Id(xiaolin) }, "#share-form");

        share.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await page.GetDocumentAsync(url);
        doc.QuerySelectorAll("#share-list .share-item strong").Select(e => e.TextContent.Trim()).ShouldBe(["小林"]);
        doc.QuerySelectorAll("#Share_UserId option").Select(o => o.TextContent.Trim()).ShouldNotContain("小林");
        doc.QuerySelectorAll("#Share_UserId option").Select(o => o.TextContent.Trim()).ShouldNotContain("赵经理");
        doc.QuerySelector("#history")!.TextContent.ShouldContain("共享给：— → 小林");

        var unshareForm = (IHtmlFormElement)doc.QuerySelector($"#share-list [data-user-id='{xiaolin}'] form")!;
        unshareForm.GetAttribute("hx-confirm").ShouldBe("确定不再共享给 小林 吗？");
        using var unshare = await page.PostFormAsync(unshareForm, url, new Dictionary<string, string>());

        unshare.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SharedWithAsync(id)).ShouldBeEmpty();
        var after = await page.GetDocumentAsync(url);
        after.QuerySelector("#share-list").ShouldBeNull();
        after.QuerySelector("#history")!.TextContent.ShouldContain("共享给：小林 → —");
    }

    [Fact]
    public async Task ShareForm_WithTheOwnerOrNobody_ShowsTheFieldErrorAndSavesNothing()
    {
        var (id, _) = await ZhaosCompanyAsync();
        using var page = await app.BrowserAsAsync("zhaojingli");
        var url = $"/customers/companies/{id}";

        using var owner = await page.SubmitFormAsync(url, new Dictionary<string, string> { ["Share.UserId"] = Id(await app.UserIdAsync("zhaojingli")) }, "#share-form");
        using var nobody = await page.SubmitFormAsync(url, new Dictionary<string, string> { ["Share.UserId"] = "" }, "#share-form");

        owner.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(owner)).QuerySelector("#shares .field-validation-error")!.TextContent.Trim().ShouldBe("共享给不能是负责人本人");
        nobody.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(nobody)).QuerySelector("#shares .field-validation-error")!.TextContent.Trim().ShouldBe("共享给不能为空");
        (await SharedWithAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Colleague_ItIsSharedWith_SeesWhyAndNoShareOrDeleteControls()
    {
        var (id, _) = await ZhaosCompanyAsync();
        await ShareWithXiaolinAsync(id);
        using var page = await app.BrowserAsAsync("xiaolin");

        var doc = await page.GetDocumentAsync($"/customers/companies/{id}");

        doc.QuerySelector("#shared-notice")!.TextContent.ShouldContain("赵经理 把此客户共享给了你");
        doc.QuerySelector("#share-form").ShouldBeNull();
        doc.QuerySelectorAll("#share-list form").Length.ShouldBe(0);
        doc.QuerySelectorAll("form").Any(f => (f.GetAttribute("action") ?? "").Contains("handler=Delete", StringComparison.Ordinal)).ShouldBeFalse();
        doc.QuerySelectorAll("#share-list .share-item strong").Select(e => e.TextContent.Trim()).ShouldBe(["小林"]);
    }

    [Fact]
    public async Task Colleague_ItIsSharedWith_EditsItOnTheEditPage_ButTheOwnerStays()
    {
        var (id, name) = await ZhaosCompanyAsync();
        await ShareWithXiaolinAsync(id);
        using var page = await app.BrowserAsAsync("xiaolin");
        var url = $"/customers/companies/{id}/edit";
        var form = await page.GetDocumentAsync(url);
        form.QuerySelector("select[name='Input.OwnerId']").ShouldBeNull();
        form.QuerySelector("#Input_OwnerId")!.GetAttribute("value").ShouldBe("赵经理");

        using var response = await page.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Phone"] = "0571-共享" }, "#company-form");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == id));
        saved.Phone.ShouldBe("0571-共享");
        saved.Name.ShouldBe(name);
        saved.OwnerId.ShouldBe(await app.UserIdAsync("zhaojingli"));
    }

    [Fact]
    public async Task Colleague_ItIsSharedWith_PostingTheShareOrDeleteHandlers_ChangesNothing()
    {
        var (id, _) = await ZhaosCompanyAsync();
        await ShareWithXiaolinAsync(id);
        using var page = await app.BrowserAsAsync("xiaolin");
        var url = $"/customers/companies/{id}";

        using var share = await page.PostWithTokenAsync(url, $"{url}?handler=Share", new Dictionary<string, string> { ["Share.UserId"] = Id(await app.UserIdAsync("xiaoli")) });
        using var unshare = await page.PostWithTokenAsync(url, $"{url}?handler=Unshare&userId={await app.UserIdAsync("xiaolin")}", new Dictionary<string, string>());
        using var delete = await page.PostWithTokenAsync(url, $"{url}?handler=Delete", new Dictionary<string, string> { ["version"] = "1" });

        share.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        share.Headers.Location!.ToString().ShouldContain("/account/denied");
        unshare.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        unshare.Headers.Location!.ToString().ShouldContain("/account/denied");
        delete.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SharedWithAsync(id)).ShouldBe([await app.UserIdAsync("xiaolin")]);
        (await app.WithDbAsync(db => db.Companies.AnyAsync(c => c.Id == id))).ShouldBeTrue();
        (await page.GetDocumentAsync(url)).QuerySelector(".alert-danger")!.TextContent.ShouldContain("共享给你的客户不能删除");
    }

    [Fact]
    public async Task AnotherUser_GetsNotFoundForTheCompanyPageAndItsShareHandler()
    {
        var (id, _) = await ZhaosCompanyAsync();
        await ShareWithXiaolinAsync(id);
        using var page = await app.BrowserAsAsync("xiaoli");

        using var detail = await page.Http.GetAsync($"/customers/companies/{id}");
        using var share = await page.PostWithTokenAsync("/customers/companies", $"/customers/companies/{id}?handler=Share",
            new Dictionary<string, string> { ["Share.UserId"] = Id(await app.UserIdAsync("xiaoli")) });

        detail.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        share.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SharedWithAsync(id)).ShouldBe([await app.UserIdAsync("xiaolin")]);
    }

    [Fact]
    public async Task CompanyList_SharedWithMeFilter_ShowsOnlySharedCompanies_Marked()
    {
        var (id, name) = await ZhaosCompanyAsync();
        await ShareWithXiaolinAsync(id);
        using var page = await app.BrowserAsAsync("xiaolin");

        var doc = await page.GetDocumentAsync("/customers/companies?sharedWithMe=true&limit=200");

        ((IHtmlInputElement)doc.QuerySelector("#f-shared")!).IsChecked.ShouldBeTrue();
        var rows = doc.QuerySelectorAll("#companies tbody tr");
        rows.Select(r => r.QuerySelector("td:nth-child(2) a")!.TextContent.Trim()).ShouldContain(name);
        rows.ShouldAllBe(r => r.QuerySelector(".shared-badge") != null);
        rows.Select(r => r.QuerySelector("td:nth-child(7)")!.TextContent.Trim()).ShouldNotContain("小林");
    }

    [Fact]
    public async Task CompanyPicker_OffersSharedCompanies_UntilUnshared()
    {
        var (id, name) = await ZhaosCompanyAsync();
        await ShareWithXiaolinAsync(id);
        using var page = await app.BrowserAsAsync("xiaolin");

        async Task<List<long>> OfferedAsync(string? q)
        {
            var json = await page.Http.GetStringAsync("/customers/companies?handler=Lookup" + (q is null ? "" : "&q=" + Uri.EscapeDataString(q)));
            return System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray().Select(n => n!["id"]!.GetValue<long>()).ToList();
        }

        (await OfferedAsync(null)).ShouldContain(id);
        (await OfferedAsync(name)).ShouldContain(id);
        using var zhao = await app.ApiAsAsync("zhaojingli");
        (await zhao.DeleteAsync($"/api/v1/companies/{id}/shares/{await app.UserIdAsync("xiaolin")}")).EnsureSuccessStatusCode();
        (await OfferedAsync(null)).ShouldNotContain(id);
        (await OfferedAsync(name)).ShouldNotContain(id);
    }

    [Fact]
    public async Task Workbench_ListsFollowUpsDueOnACompanySharedWithMe_UntilUnshared()
    {
        var (id, name) = await ZhaosCompanyAsync();
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var earlier = DateTimeOffset.UtcNow.AddDays(-2);
        (await zhao.PostAsJsonAsync("/api/v1/contact-records", new { companyId = id, contactedAt = earlier, contactName = "乙", nextContactAt = earlier.AddHours(1) }))
            .EnsureSuccessStatusCode();
        using var page = await app.BrowserAsAsync("xiaolin");
        (await page.GetDocumentAsync("/")).QuerySelector("#follow-ups")!.TextContent.ShouldNotContain(name);

        await ShareWithXiaolinAsync(id);
        (await page.GetDocumentAsync("/")).QuerySelector("#follow-ups")!.TextContent.ShouldContain(name);

        (await zhao.DeleteAsync($"/api/v1/companies/{id}/shares/{await app.UserIdAsync("xiaolin")}")).EnsureSuccessStatusCode();
        (await page.GetDocumentAsync("/")).QuerySelector("#follow-ups")!.TextContent.ShouldNotContain(name);
    }

    [Fact]
    public async Task ContactAndContactRecordLists_IncludeThoseOfASharedCompany_UntilUnshared()
    {
        var (id, _) = await ZhaosCompanyAsync();
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var contactName = Unique("共享人");
        (await zhao.PostAsJsonAsync("/api/v1/contacts", new { companyId = id, name = contactName })).EnsureSuccessStatusCode();
        (await zhao.PostAsJsonAsync("/api/v1/contact-records", new { companyId = id, contactedAt = DateTimeOffset.UtcNow.AddHours(-3), contactName })).EnsureSuccessStatusCode();
        await ShareWithXiaolinAsync(id);
        using var page = await app.BrowserAsAsync("xiaolin");

        (await page.GetDocumentAsync("/customers/contacts?q=" + Uri.EscapeDataString(contactName))).QuerySelector("main")!.TextContent.ShouldContain(contactName);
        (await page.GetDocumentAsync($"/customers/contact-records?companyId={id}")).QuerySelector("main")!.TextContent.ShouldContain(contactName);

        (await zhao.DeleteAsync($"/api/v1/companies/{id}/shares/{await app.UserIdAsync("xiaolin")}")).EnsureSuccessStatusCode();
        (await page.GetDocumentAsync("/customers/contacts?q=" + Uri.EscapeDataString(contactName))).QuerySelector("main")!.TextContent.ShouldNotContain(contactName);
        (await page.GetDocumentAsync($"/customers/contact-records?companyId={id}")).QuerySelector("main")!.TextContent.ShouldNotContain(contactName);
    }
}

public sealed class CompanySharingPagesTestsOnSqlite(SqliteApp app) : CompanySharingPagesTests(app), IClassFixture<SqliteApp>;

public sealed class CompanySharingPagesTestsOnPostgres(PostgresApp app) : CompanySharingPagesTests(app), IClassFixture<PostgresApp>;
