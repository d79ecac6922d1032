using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Customers;

public abstract class ContactsPagesTests(KehuApp app)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<(long Id, string Name)> NewCompanyAsync(string userName = "xiaolin", string? ownerUserName = null)
    {
        using var api = await app.ApiAsAsync(userName);
        long? ownerId = ownerUserName is null ? null : await app.UserIdAsync(ownerUserName);
        var name = Unique("页面测试单位");
        using var response = await api.PostAsJsonAsync("/api/v1/companies", new { name, ownerId });
        response.EnsureSuccessStatusCode();
        return ((await response.ReadObjectAsync())["id"]!.GetValue<long>(), name);
    }

    private async Task<long> NewContactAsync(long companyId, string name, string userName = "xiaolin", string? mobile = null, bool isPrimary = false)
    {
        using var api = await app.ApiAsAsync(userName);
        using var response = await api.PostAsJsonAsync("/api/v1/contacts", new { companyId, name, mobile, isPrimary });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    private static string FieldError(IDocument doc, string field) =>
        doc.QuerySelector($"[data-valmsg-for='Input.{field}']")?.TextContent.Trim() ?? "";

    private Task<int> ContactCountAsync(long companyId) =>
        app.WithDbAsync(db => db.Contacts.CountAsync(c => c.CompanyId == companyId));

    [Fact]
    public async Task NewPage_WithoutCompanyOrName_ShowsBothFieldErrorsAndSavesNothing()
    {
        using var browser = await app.BrowserAsAsync("xiaolin");
        var before = await app.WithDbAsync(db => db.Contacts.CountAsync());

        using var response = await browser.SubmitFormAsync("/customers/contacts/new", new Dictionary<string, string>
        {
            ["Input.CompanyId"] = "",
            ["Input.Name"] = " ",
            ["Input.Mobile"] = "13900000000",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        FieldError(doc, "CompanyId").ShouldBe("单位名称不能为空");
        FieldError(doc, "Name").ShouldBe("联系人姓名不能为空");
        doc.QuerySelector<IHtmlInputElement>("#Input_Mobile")!.Value.ShouldBe("13900000000");
        (await app.WithDbAsync(db => db.Contacts.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task NewPage_PreselectsTheCompanyFromTheLink_AndSavingOpensTheDetail()
    {
        var (companyId, companyName) = await NewCompanyAsync();
        using var browser = await app.BrowserAsAsync("xiaolin");
        var form = await browser.GetDocumentAsync($"/customers/contacts/new?companyId={companyId}");
        var picker = form.QuerySelector<IHtmlSelectElement>("select[name='Input.CompanyId']")!;
        picker.HasAttribute("data-search-url").ShouldBeTrue();
        picker.Value.ShouldBe(companyId.ToString());
        form.QuerySelector("label[for='Input_Name']")!.ClassList.ShouldContain("form-required");

        using var response = await browser.SubmitFormAsync($"/customers/contacts/new?companyId={companyId}", new Dictionary<string, string>
        {
            ["Input.Name"] = "周晓梅",
            ["Input.Gender"] = "female",
            ["Input.Title"] = "财务总监",
            ["Input.Email"] = "xiaomei@example.cn",
            ["Input.Birthday"] = "1985-11-20",
            ["Input.IsPrimary"] = "true",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldMatch(@"^/customers/contacts/\d+$");
        var detail = await browser.GetDocumentAsync(location);
        detail.QuerySelector("[role=status]")!.TextContent.ShouldContain("已创建联系人 周晓梅");
        var fields = detail.QuerySelector("#contact-fields")!.TextContent;
        fields.ShouldContain("财务总监");
        fields.ShouldContain("xiaomei@example.cn");
        fields.ShouldContain("1985-11-20");
        fields.ShouldContain("女");
        var companyLink = detail.QuerySelector<IHtmlAnchorElement>("#company-link")!;
        companyLink.TextContent.ShouldBe(companyName);
        companyLink.GetAttribute("href").ShouldBe($"/customers/companies/{companyId}");
        (await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.CompanyId == companyId))).IsPrimary.ShouldBeTrue();
    }

    [Fact]
    public async Task NewPage_DoesNotOfferAndRefusesACompanyTheUserCannotSee()
    {
        var (hidden, hiddenName) = await NewCompanyAsync("admin", ownerUserName: "zhaojingli");
        using var browser = await app.BrowserAsAsync("xiaolin");

        var form = await browser.GetDocumentAsync($"/customers/contacts/new?companyId={hidden}");
        form.QuerySelectorAll("select[name='Input.CompanyId'] option").Select(o => o.GetAttribute("value")).ShouldNotContain(hidden.ToString());
        using var search = await browser.Http.GetAsync("/customers/companies?handler=Lookup&q=" + Uri.EscapeDataString(hiddenName));
        (await search.Content.ReadAsStringAsync()).ShouldBe("[]");

        using var response = await browser.SubmitFormAsync("/customers/contacts/new", new Dictionary<string, string>
        {
            ["Input.CompanyId"] = hidden.ToString(),
            ["Input.Name"] = "越权联系人",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldError(await PageClient.ParseAsync(response), "CompanyId").ShouldBe("单位名称的取值无效");
        (await ContactCountAsync(hidden)).ShouldBe(0);
    }

    [Fact]
    public async Task CompanySearch_AnswersVisibleCompaniesMatchingTheTerm()
    {
        var (companyId, companyName) = await NewCompanyAsync();
        using var browser = await app.BrowserAsAsync("xiaolin");

        using var response = await browser.Http.GetAsync("/customers/companies?handler=Lookup&q=" + Uri.EscapeDataString(companyName[^10..]));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var items = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonArray>())!;
        var only = items.ShouldHaveSingleItem()!;
        only["id"]!.GetValue<long>().ShouldBe(companyId);
        only["name"]!.GetValue<string>().ShouldBe(companyName);
    }

    [Fact]
    public async Task EditPage_SavesTheChange_AndTheDetailShowsItInTheHistory()
    {
        var (companyId, _) = await NewCompanyAsync();
        var id = await NewContactAsync(companyId, "编辑测试", mobile: "13900000011");
        using var browser = await app.BrowserAsAsync("xiaolin");
        var form = await browser.GetDocumentAsync($"/customers/contacts/{id}/edit");
        form.QuerySelector<IHtmlInputElement>("input[name='Input.Version']")!.Value.ShouldBe("1");

        using var response = await browser.SubmitFormAsync($"/customers/contacts/{id}/edit", new Dictionary<string, string> { ["Input.Mobile"] = "13900000022" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/customers/contacts/{id}");
        var detail = await browser.GetDocumentAsync($"/customers/contacts/{id}");
        var history = detail.QuerySelector("#history")!.TextContent;
        history.ShouldContain("手机：13900000011 → 13900000022");
        history.ShouldContain("小林");
        var stored = await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.Id == id));
        stored.Mobile.ShouldBe("13900000022");
        stored.Name.ShouldBe("编辑测试");
    }

    [Fact]
    public async Task EditPage_WithAFormOpenedBeforeAnotherSave_ShowsTheConflictAndOverwritesNothing()
    {
        var (companyId, _) = await NewCompanyAsync();
        var id = await NewContactAsync(companyId, "并发测试");
        using var browser = await app.BrowserAsAsync("xiaolin");
        var staleForm = (await browser.GetDocumentAsync($"/customers/contacts/{id}/edit")).QuerySelector<IHtmlFormElement>("#contact-form")!;
        using (var api = await app.ApiAsAsync("zhaojingli"))
            (await api.PutAsJsonAsync($"/api/v1/contacts/{id}", new { companyId, name = "并发测试", title = "经理", version = 1 })).EnsureSuccessStatusCode();

        using var response = await browser.PostFormAsync(staleForm, $"/customers/contacts/{id}/edit", new Dictionary<string, string> { ["Input.Title"] = "总监" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent.ShouldContain("该记录已被其他人修改，请刷新后重新编辑");
        (await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.Id == id))).Title.ShouldBe("经理");
    }

    [Fact]
    public async Task ContactOfAnotherUsersCompany_PagesAre404AndItCannotBeDeleted()
    {
        var (hidden, _) = await NewCompanyAsync("admin", ownerUserName: "zhaojingli");
        var id = await NewContactAsync(hidden, "别人的联系人", userName: "admin");
        using var browser = await app.BrowserAsAsync("xiaolin");

        (await browser.Http.GetAsync($"/customers/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.GetAsync($"/customers/contacts/{id}/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var delete = await browser.PostWithTokenAsync("/customers/contacts", $"/customers/contacts/{id}?handler=Delete", new Dictionary<string, string> { ["version"] = "1" });
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var edit = await browser.PostWithTokenAsync("/customers/contacts", $"/customers/contacts/{id}/edit", new Dictionary<string, string>
        {
            ["Input.CompanyId"] = hidden.ToString(), ["Input.Name"] = "改名", ["Input.Version"] = "1",
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.Id == id))).Name.ShouldBe("别人的联系人");

        var list = await browser.GetDocumentAsync("/customers/contacts?q=" + Uri.EscapeDataString("别人的联系人"));
        list.QuerySelector("#contacts").ShouldBeNull();
    }

    [Fact]
    public async Task ListPage_FilteredByCompany_NamesTheCompanyAndShowsOnlyItsContacts()
    {
        var (companyId, companyName) = await NewCompanyAsync();
        var (otherId, _) = await NewCompanyAsync();
        await NewContactAsync(companyId, "列表甲", isPrimary: true);
        await NewContactAsync(companyId, "列表乙");
        await NewContactAsync(otherId, "列表丙");
        using var browser = await app.BrowserAsAsync("xiaolin");

        var doc = await browser.GetDocumentAsync($"/customers/contacts?companyId={companyId}");

        doc.QuerySelector("#filtered-company")!.TextContent.ShouldContain(companyName);
        var rows = doc.QuerySelectorAll("#contacts tbody tr").ToList();
        rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()).ShouldBe(["列表乙", "列表甲"]);
        rows.ShouldAllBe(r => r.QuerySelectorAll("td")[1].TextContent.Trim() == companyName);
        rows[1].QuerySelectorAll("td")[6].TextContent.Trim().ShouldBe("是");
        doc.QuerySelector("#result-count")!.TextContent.ShouldContain("共 2 条");
        doc.QuerySelector<IHtmlAnchorElement>("a[accesskey=n]")!.GetAttribute("href").ShouldBe($"/customers/contacts/new?companyId={companyId}");

        var primaryOnly = await browser.GetDocumentAsync($"/customers/contacts?companyId={companyId}&isPrimary=true");
        primaryOnly.QuerySelectorAll("#contacts tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ShouldBe(["列表甲"]);
    }

    [Fact]
    public async Task ListPage_SearchFindsAChineseSubstringOfTheName()
    {
        var (companyId, _) = await NewCompanyAsync();
        await NewContactAsync(companyId, "诸葛孔明");
        await NewContactAsync(companyId, "诸葛瑾");
        using var browser = await app.BrowserAsAsync("xiaolin");

        var doc = await browser.GetDocumentAsync($"/customers/contacts?companyId={companyId}&q=" + Uri.EscapeDataString("孔明"));

        doc.QuerySelectorAll("#contacts tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ShouldBe(["诸葛孔明"]);
    }

    [Fact]
    public async Task DetailPage_DeleteSaysTheRecordsStay_AndDeletingReturnsToTheCompany()
    {
        var (companyId, _) = await NewCompanyAsync();
        var id = await NewContactAsync(companyId, "删除测试");
        var recorder = await app.UserIdAsync("xiaolin");
        await app.WithDbAsync(async db =>
        {
            db.ContactRecords.Add(new Kehu.Web.Modules.Customers.ContactRecord(new Kehu.Web.Modules.Customers.ContactRecordDetails(
                DateTime.UtcNow.AddHours(-2), companyId, id, "删除测试", null, null, null, null, recorder)));
            await db.SaveChangesAsync();
        });
        using var browser = await app.BrowserAsAsync("xiaolin");
        var detail = await browser.GetDocumentAsync($"/customers/contacts/{id}");
        detail.QuerySelector("form[data-confirm]")!.GetAttribute("data-confirm")!.ShouldContain("1 条联系记录会保留");

        using var response = await browser.SubmitFormAsync($"/customers/contacts/{id}", new Dictionary<string, string>(), "form[data-confirm]");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/customers/companies/{companyId}");
        (await ContactCountAsync(companyId)).ShouldBe(0);
        (await app.WithDbAsync(db => db.ContactRecords.SingleAsync(r => r.CompanyId == companyId))).ContactName.ShouldBe("删除测试");
    }

    [Fact]
    public async Task EditPage_MarkingPrimary_TakesTheMarkFromTheOtherContact()
    {
        var (companyId, _) = await NewCompanyAsync();
        var old = await NewContactAsync(companyId, "原主要联系人", isPrimary: true);
        var id = await NewContactAsync(companyId, "新主要联系人");
        using var browser = await app.BrowserAsAsync("xiaolin");

        using var response = await browser.SubmitFormAsync($"/customers/contacts/{id}/edit", new Dictionary<string, string> { ["Input.IsPrimary"] = "true" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var primaries = await app.WithDbAsync(db => db.Contacts.Where(c => c.CompanyId == companyId && c.IsPrimary).Select(c => c.Id).ToListAsync());
        primaries.ShouldBe([id]);
        var oldDetail = await browser.GetDocumentAsync($"/customers/contacts/{old}");
        oldDetail.QuerySelector("#history")!.TextContent.ShouldContain("主要联系人：是 → 否");
    }

    [Fact]
    public async Task Anonymous_IsSentToTheLoginPage()
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/customers/contacts");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }
}

public sealed class ContactsPagesTestsOnSqlite(SqliteApp app) : ContactsPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ContactsPagesTestsOnPostgres(PostgresApp app) : ContactsPagesTests(app), IClassFixture<PostgresApp>;
