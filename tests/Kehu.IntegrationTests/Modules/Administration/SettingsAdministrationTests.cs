using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Administration.AdminTestHelpers;

namespace Kehu.IntegrationTests.Modules.Administration;

/// <summary>Departments, roles, option lists and numbering patterns.</summary>
public abstract class SettingsAdministrationTests(KehuApp app)
{
    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task DeleteDepartment_WhileItHasMembers_IsRefusedWithAMessage_AndAnEmptyOneIsDeleted()
    {
        var sales = await app.WithDbAsync(db => db.Departments.SingleAsync(d => d.Name == "销售部"));
        var members = await app.WithDbAsync(db => db.Users.CountAsync(u => u.DepartmentId == sales.Id));
        using var page = await app.BrowserAsAsync("admin");
        var name = Unique("临时部");
        (await page.SubmitFormAsync("/admin/departments", new Dictionary<string, string> { ["Input.Name"] = name }, "#department-form"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var empty = await app.WithDbAsync(db => db.Departments.SingleAsync(d => d.Name == name));

        using var refused = await page.SubmitFormAsync("/admin/departments", new Dictionary<string, string>(), $"#delete-{sales.Id}");
        using var deleted = await page.SubmitFormAsync("/admin/departments", new Dictionary<string, string>(), $"#delete-{empty.Id}");

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(refused)).Summary().ShouldBe($"部门“销售部”还有 {members} 位成员，不能删除。请先把他们调到其他部门。");
        (await app.WithDbAsync(db => db.Departments.AnyAsync(d => d.Id == sales.Id))).ShouldBeTrue();
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Departments.AnyAsync(d => d.Id == empty.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task EditDepartment_SetsTheManager_RefusesADuplicateName_AndAStaleVersion()
    {
        using var api = await app.ApiAsAsync("admin");
        var created = await (await api.PostAsJsonAsync("/api/v1/departments", new { name = Unique("市场部") })).ReadObjectAsync();
        var id = created["id"]!.GetValue<long>();
        var xiaolin = await app.UserIdAsync("xiaolin");
        using var page = await app.BrowserAsAsync("admin");
        var form = await page.GetDocumentAsync($"/admin/departments/{id}");

        using var duplicate = await page.SubmitFormAsync($"/admin/departments/{id}", new Dictionary<string, string> { ["Input.Name"] = " 销售部 " });
        using var saved = await page.SubmitFormAsync($"/admin/departments/{id}", new Dictionary<string, string> { ["Input.ManagerId"] = Id(xiaolin) });
        using var stale = await page.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("#department-form")!, $"/admin/departments/{id}",
            new Dictionary<string, string> { ["Input.Name"] = "过期的名字" });

        (await PageClient.ParseAsync(duplicate)).FieldMessage("Input.Name").ShouldBe("部门名称已存在：销售部");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PageClient.ParseAsync(stale)).Summary().ShouldBe("该记录已被其他人修改，请刷新后重新编辑");
        var department = await app.WithDbAsync(db => db.Departments.SingleAsync(d => d.Id == id));
        department.ManagerId.ShouldBe(xiaolin);
        department.Name.ShouldBe(created["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task DepartmentsApi_IsReadableByEveryone_AndWritableByAdministratorsOnly()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var before = await app.WithDbAsync(db => db.Departments.CountAsync());

        var list = await (await api.GetAsync("/api/v1/departments")).ReadObjectAsync();
        using var create = await api.PostAsJsonAsync("/api/v1/departments", new { name = Unique("不该有") });

        list["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ShouldContain("销售部");
        var sales = list["items"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "销售部")!;
        sales["manager"]!.GetValue<string>().ShouldBe("赵经理");
        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await create.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("只有系统管理员可以执行此操作");
        (await app.WithDbAsync(db => db.Departments.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task EditRole_ChangesNameAndDataScope_ButTheAdministratorRoleAlwaysSeesAllData()
    {
        var purchaser = await app.WithDbAsync(db => db.Roles.SingleAsync(r => r.Code == RoleCodes.Purchaser));
        var adminRole = await app.WithDbAsync(db => db.Roles.SingleAsync(r => r.Code == RoleCodes.Administrator));
        using var page = await app.BrowserAsAsync("admin");
        var list = await page.GetDocumentAsync("/admin/roles");
        list.QuerySelector("tr[data-role='sales']")!.TextContent.ShouldContain("销售员");

        using var saved = await page.SubmitFormAsync($"/admin/roles/{purchaser.Id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "采购专员",
            ["Input.SeesAllData"] = "true",
        });
        using var api = await app.ApiAsAsync("admin");
        using var adminEdit = await api.PutAsJsonAsync($"/api/v1/roles/{adminRole.Id}", new { name = "管理员", seesAllData = false, version = adminRole.Version });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var changed = await app.WithDbAsync(db => db.Roles.SingleAsync(r => r.Id == purchaser.Id));
        changed.Name.ShouldBe("采购专员");
        changed.SeesAllData.ShouldBeTrue();
        adminEdit.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Roles.SingleAsync(r => r.Id == adminRole.Id))).SeesAllData.ShouldBeTrue();
    }

    [Fact]
    public async Task RenameAndDeactivateOption_OnThePage_ShowInTheApi()
    {
        using var api = await app.ApiAsAsync("admin");
        var created = await (await api.PostAsJsonAsync($"/api/v1/options/{OptionLists.Industry}", new { name = Unique("新行业") })).ReadObjectAsync();
        var id = created["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("admin");
        var url = $"/admin/options/{OptionLists.Industry}";
        var renamed = Unique("改名行业");

        using var rename = await page.SubmitFormAsync(url, new Dictionary<string, string> { ["Item.Name"] = renamed, ["Item.SortOrder"] = "5" }, $"#option-{id}");
        using var deactivate = await page.SubmitFormAsync(url, new Dictionary<string, string>(), $"#toggle-{id}");

        rename.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deactivate.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var items = (await (await xiaolin.GetAsync($"/api/v1/options/{OptionLists.Industry}")).ReadObjectAsync())["items"]!.AsArray();
        var item = items.Single(i => i!["id"]!.GetValue<long>() == id)!;
        item["name"]!.GetValue<string>().ShouldBe(renamed);
        item["sortOrder"]!.GetValue<int>().ShouldBe(5);
        item["isActive"]!.GetValue<bool>().ShouldBeFalse();
        items[0]!["id"]!.GetValue<long>().ShouldBe(id, "sort order 5 comes first");
    }

    [Fact]
    public async Task AddOrRenameOption_ToANameTheListHas_IsRefusedNamingTheField()
    {
        using var api = await app.ApiAsAsync("admin");
        var before = await app.WithDbAsync(db => db.OptionItems.CountAsync(o => o.ListCode == OptionLists.CustomerLevel));
        using var page = await app.BrowserAsAsync("admin");
        var vip = await app.WithDbAsync(db => db.OptionItems.SingleAsync(o => o.ListCode == OptionLists.CustomerLevel && o.Name == "重点客户"));

        using var added = await api.PostAsJsonAsync($"/api/v1/options/{OptionLists.CustomerLevel}", new { name = " 普通客户 " });
        using var renamed = await page.SubmitFormAsync($"/admin/options/{OptionLists.CustomerLevel}",
            new Dictionary<string, string> { ["Item.Name"] = "一般客户" }, $"#option-{vip.Id}");

        added.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await added.FieldErrorsAsync("name")).ShouldBe(["该列表中已有“普通客户”"]);
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(renamed)).FieldMessage("Item.Name").ShouldBe("该列表中已有“一般客户”");
        (await app.WithDbAsync(db => db.OptionItems.CountAsync(o => o.ListCode == OptionLists.CustomerLevel))).ShouldBe(before);
        (await app.WithDbAsync(db => db.OptionItems.SingleAsync(o => o.Id == vip.Id))).Name.ShouldBe("重点客户");
    }

    [Fact]
    public async Task DeleteOption_UsedByACompany_IsRefusedSuggestingDeactivation_AndAnUnusedOneIsDeleted()
    {
        using var api = await app.ApiAsAsync("admin");
        var used = (await (await api.PostAsJsonAsync($"/api/v1/options/{OptionLists.CustomerSource}", new { name = Unique("用过的来源") })).ReadObjectAsync())["id"]!.GetValue<long>();
        var unused = (await (await api.PostAsJsonAsync($"/api/v1/options/{OptionLists.CustomerSource}", new { name = Unique("没用过") })).ReadObjectAsync())["id"]!.GetValue<long>();
        (await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("来源测试公司"), sourceId = used })).EnsureSuccessStatusCode();
        using var page = await app.BrowserAsAsync("admin");
        var url = $"/admin/options/{OptionLists.CustomerSource}";

        using var refused = await page.SubmitFormAsync(url, new Dictionary<string, string>(), $"#delete-{used}");
        using var refusedApi = await api.DeleteAsync($"/api/v1/options/{OptionLists.CustomerSource}/{used}");
        using var deleted = await page.SubmitFormAsync(url, new Dictionary<string, string>(), $"#delete-{unused}");

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(refused)).Summary().ShouldEndWith("已被记录使用，不能删除。如不再需要，请停用它。");
        refusedApi.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.OptionItems.AnyAsync(o => o.Id == used))).ShouldBeTrue();
        (await app.WithDbAsync(db => db.OptionItems.AnyAsync(o => o.Id == unused))).ShouldBeFalse();
    }

    [Fact]
    public async Task DeleteContactMethod_UsedByAContactRecord_IsRefused()
    {
        var method = await app.WithDbAsync(db => db.ContactRecords.Where(r => r.MethodId != null).Select(r => r.MethodId!.Value).FirstAsync());
        using var api = await app.ApiAsAsync("admin");

        using var response = await api.DeleteAsync($"/api/v1/options/{OptionLists.ContactMethod}/{method}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.OptionItems.AnyAsync(o => o.Id == method))).ShouldBeTrue();
    }

    [Fact]
    public async Task OptionsApi_RefusesChangesFromANonAdministrator()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var item = await app.WithDbAsync(db => db.OptionItems.FirstAsync(o => o.ListCode == OptionLists.Region));

        using var add = await api.PostAsJsonAsync($"/api/v1/options/{OptionLists.Region}", new { name = Unique("不该有") });
        using var rename = await api.PutAsJsonAsync($"/api/v1/options/{OptionLists.Region}/{item.Id}", new { name = "改名", version = item.Version });

        add.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        rename.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.OptionItems.SingleAsync(o => o.Id == item.Id))).Name.ShouldBe(item.Name);
    }

    [Fact]
    public async Task InvalidNumberingPattern_IsRefusedAndChangesNothing()
    {
        using var page = await app.BrowserAsAsync("admin");
        var before = await app.WithDbAsync(db => db.NumberingPatterns.SingleAsync(p => p.DocumentType == "company"));

        using var noSequence = await page.SubmitFormAsync("/admin/numbering/company", new Dictionary<string, string> { ["Input.Pattern"] = "C-{date:yyyy}" });
        using var badDate = await page.SubmitFormAsync("/admin/numbering/company", new Dictionary<string, string> { ["Input.Pattern"] = "C-{date:hh}-{seq:4}" });
        var preview = await PageClient.ParseAsync(await page.Http.GetAsync("/admin/numbering/company?handler=Preview&Input.Pattern=" + Uri.EscapeDataString("X{seq:0}")));

        noSequence.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(noSequence)).FieldMessage("Input.Pattern").ShouldStartWith("编号规则无效");
        (await PageClient.ParseAsync(badDate)).FieldMessage("Input.Pattern").ShouldStartWith("编号规则无效");
        preview.QuerySelector(".text-danger")!.TextContent.ShouldStartWith("编号规则无效");
        var after = await app.WithDbAsync(db => db.NumberingPatterns.SingleAsync(p => p.DocumentType == "company"));
        after.Pattern.ShouldBe(before.Pattern);
        after.Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task ValidNumberingPattern_ChangesTheCodeOfTheNextCompany_AsPreviewed()
    {
        using var page = await app.BrowserAsAsync("admin");
        const string pattern = "KH-{date:yyyy}-{seq:3}";
        var preview = await PageClient.ParseAsync(await page.Http.GetAsync("/admin/numbering/company?handler=Preview&Input.Pattern=" + Uri.EscapeDataString(pattern)));
        var expected = preview.QuerySelector("#next-number")!.TextContent;
        expected.ShouldMatch(@"^KH-\d{4}-001$");

        using var saved = await page.SubmitFormAsync("/admin/numbering/company", new Dictionary<string, string> { ["Input.Pattern"] = pattern });
        using var api = await app.ApiAsAsync("xiaolin");
        var company = await (await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("新编号公司") })).ReadObjectAsync();

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        company["code"]!.GetValue<string>().ShouldBe(expected);
        var list = await page.GetDocumentAsync("/admin/numbering");
        list.QuerySelector("tr[data-type='company']")!.TextContent.ShouldContain(pattern);
    }

    [Fact]
    public async Task NumberingApi_WithAStaleVersion_Is409()
    {
        using var api = await app.ApiAsAsync("admin");
        var current = await app.WithDbAsync(db => db.NumberingPatterns.SingleAsync(p => p.DocumentType == "company"));

        using var stale = await api.PutAsJsonAsync("/api/v1/numbering/company", new { pattern = "Z{seq:6}", version = current.Version - 1 });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.NumberingPatterns.SingleAsync(p => p.DocumentType == "company"))).Pattern.ShouldBe(current.Pattern);
    }
}

public sealed class SettingsAdministrationTestsOnSqlite(SqliteApp app) : SettingsAdministrationTests(app), IClassFixture<SqliteApp>;

public sealed class SettingsAdministrationTestsOnPostgres(PostgresApp app) : SettingsAdministrationTests(app), IClassFixture<PostgresApp>;
