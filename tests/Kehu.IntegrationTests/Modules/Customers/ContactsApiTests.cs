using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Customers;

public abstract class ContactsApiTests(KehuApp app)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    private static string UniqueMobile() => "139" + Random.Shared.NextInt64(10_000_000, 99_999_999);

    private static async Task<long> NewCompanyAsync(HttpClient api, long? ownerId = null)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("联系人测试单位"), ownerId });
        response.EnsureSuccessStatusCode();
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    /// <summary>A company owned by the sales manager: xiaolin (a salesperson) may not see it.</summary>
    private async Task<long> ManagersCompanyAsync()
    {
        using var admin = await app.ApiAsAsync("admin");
        return await NewCompanyAsync(admin, await app.UserIdAsync("zhaojingli"));
    }

    private static async Task<JsonObject> NewContactAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/contacts", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private Task<int> ContactCountAsync(long companyId) =>
        app.WithDbAsync(db => db.Contacts.CountAsync(c => c.CompanyId == companyId));

    [Fact]
    public async Task Create_WithoutCompanyOrName_IsRefusedNamingBothFieldsAndSavesNothing()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var before = await app.WithDbAsync(db => db.Contacts.CountAsync());

        using var response = await api.PostAsJsonAsync("/api/v1/contacts", new { name = "  ", mobile = "13900000000" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.ReadObjectAsync();
        body["errors"]!["companyId"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain("单位名称不能为空");
        body["errors"]!["name"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain("联系人姓名不能为空");
        (await app.WithDbAsync(db => db.Contacts.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Create_WithoutName_InEnglish_NamesTheFieldInEnglish()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var companyId = await NewCompanyAsync(api);

        using var response = await api.PostAsJsonAsync("/api/v1/contacts", new { companyId, name = "" });

        (await response.FieldErrorsAsync("name")).ShouldContain("Name is required");
        (await ContactCountAsync(companyId)).ShouldBe(0);
    }

    [Fact]
    public async Task Create_ReturnsEveryFieldInCamelCase()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);

        var body = await NewContactAsync(api, new
        {
            companyId, name = " 王丽华 ", gender = "female", title = "采购经理", department = "采购部", mobile = "13912345678",
            phone = "021-5555", email = "lihua@example.cn", wechat = "lihua_wx", birthday = "1988-03-09", isPrimary = true, notes = "喜欢喝茶",
        });

        body["id"]!.GetValue<long>().ShouldBeGreaterThan(0);
        body["companyId"]!.GetValue<long>().ShouldBe(companyId);
        body["companyName"]!.GetValue<string>().ShouldStartWith("联系人测试单位");
        body["name"]!.GetValue<string>().ShouldBe("王丽华");
        body["gender"]!.GetValue<string>().ShouldBe("female");
        body["title"]!.GetValue<string>().ShouldBe("采购经理");
        body["department"]!.GetValue<string>().ShouldBe("采购部");
        body["mobile"]!.GetValue<string>().ShouldBe("13912345678");
        body["phone"]!.GetValue<string>().ShouldBe("021-5555");
        body["email"]!.GetValue<string>().ShouldBe("lihua@example.cn");
        body["wechat"]!.GetValue<string>().ShouldBe("lihua_wx");
        body["birthday"]!.GetValue<string>().ShouldBe("1988-03-09");
        body["isPrimary"]!.GetValue<bool>().ShouldBeTrue();
        body["notes"]!.GetValue<string>().ShouldBe("喜欢喝茶");
        body["version"]!.GetValue<int>().ShouldBe(1);
        body["createdAt"].ShouldNotBeNull();
        body["updatedAt"].ShouldNotBeNull();

        var read = await (await api.GetAsync($"/api/v1/contacts/{body["id"]}")).ReadObjectAsync();
        foreach (var field in new[] { "companyName", "name", "gender", "wechat", "birthday", "isPrimary", "version" })
            read[field]!.ToJsonString().ShouldBe(body[field]!.ToJsonString(), field);
    }

    [Fact]
    public async Task Create_WithBadEmailFutureBirthdayUnknownGenderAndLongName_IsRefusedPerFieldAndSavesNothing()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");

        using var response = await api.PostAsJsonAsync("/api/v1/contacts", new
        {
            companyId, name = new string('张', 65), gender = "robot", email = "not-an-email", birthday = tomorrow,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.ReadObjectAsync();
        string[] Errors(string field) => body["errors"]![field]?.AsArray().Select(m => m!.GetValue<string>()).ToArray() ?? [];
        Errors("name").ShouldContain("联系人姓名不能超过 64 个字符");
        Errors("gender").ShouldContain("性别的取值无效");
        Errors("email").ShouldContain("邮箱格式不正确");
        Errors("birthday").ShouldContain("生日不能晚于今天");
        (await ContactCountAsync(companyId)).ShouldBe(0);

        using var badDate = await api.PostAsJsonAsync("/api/v1/contacts", new { companyId, name = "李雷", birthday = "1990-02-30" });
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badDate.FieldErrorsAsync("birthday")).ShouldContain("生日格式不正确");
        (await ContactCountAsync(companyId)).ShouldBe(0);
    }

    [Fact]
    public async Task Create_InACompanyTheUserCannotSee_IsRefusedOnCompanyIdAndSavesNothing()
    {
        var hidden = await ManagersCompanyAsync();
        using var xiaolin = await app.ApiAsAsync("xiaolin");

        using var response = await xiaolin.PostAsJsonAsync("/api/v1/contacts", new { companyId = hidden, name = "韩梅梅" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("companyId")).ShouldContain("单位名称的取值无效");
        (await ContactCountAsync(hidden)).ShouldBe(0);
    }

    [Fact]
    public async Task ContactOfAnotherUsersCompany_IsInvisibleAndCannotBeEditedOrDeleted()
    {
        var hidden = await ManagersCompanyAsync();
        using var admin = await app.ApiAsAsync("admin");
        var name = Unique("隐藏联系人");
        var contact = await NewContactAsync(admin, new { companyId = hidden, name, mobile = "13811112222" });
        var id = contact["id"]!.GetValue<long>();
        using var xiaolin = await app.ApiAsAsync("xiaolin");

        (await xiaolin.GetAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await xiaolin.GetAsync($"/api/v1/contacts/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var search = await (await xiaolin.GetAsync($"/api/v1/contacts?q={Uri.EscapeDataString(name)}")).ReadObjectAsync();
        search["items"]!.AsArray().Count.ShouldBe(0);
        var byCompany = await (await xiaolin.GetAsync($"/api/v1/contacts?companyId={hidden}")).ReadObjectAsync();
        byCompany["items"]!.AsArray().Count.ShouldBe(0);
        byCompany["total"]!.GetValue<int>().ShouldBe(0);

        using var edit = await xiaolin.PutAsJsonAsync($"/api/v1/contacts/{id}", new { companyId = hidden, name = "改名", version = 1 });
        edit.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var delete = await xiaolin.DeleteAsync($"/api/v1/contacts/{id}?version=1");
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var stored = await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.Id == id));
        stored.Name.ShouldBe(name);
        stored.Version.ShouldBe(1);

        using var manager = await app.ApiAsAsync("zhaojingli");
        (await manager.GetAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Update_MovingTheContactToACompanyTheUserCannotSee_IsRefusedAndChangesNothing()
    {
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var own = await NewCompanyAsync(xiaolin);
        var hidden = await ManagersCompanyAsync();
        var contact = await NewContactAsync(xiaolin, new { companyId = own, name = "李雷" });

        using var response = await xiaolin.PutAsJsonAsync($"/api/v1/contacts/{contact["id"]}", new { companyId = hidden, name = "李雷", version = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("companyId")).ShouldContain("单位名称的取值无效");
        (await ContactCountAsync(own)).ShouldBe(1);
        (await ContactCountAsync(hidden)).ShouldBe(0);
    }

    [Fact]
    public async Task List_FilteredByCompany_ReturnsOnlyThatCompanysContactsNewestFirst()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var first = await NewCompanyAsync(api);
        var second = await NewCompanyAsync(api);
        var a = await NewContactAsync(api, new { companyId = first, name = "甲一" });
        var b = await NewContactAsync(api, new { companyId = first, name = "甲二" });
        await NewContactAsync(api, new { companyId = second, name = "乙一" });

        var body = await (await api.GetAsync($"/api/v1/contacts?companyId={first}")).ReadObjectAsync();

        body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ShouldBe([b["id"]!.GetValue<long>(), a["id"]!.GetValue<long>()]);
        body["items"]!.AsArray().ShouldAllBe(i => i!["companyId"]!.GetValue<long>() == first);
        body["total"]!.GetValue<int>().ShouldBe(2);
        body["totalIsCapped"]!.GetValue<bool>().ShouldBeFalse();
        body["nextCursor"].ShouldBeNull();
    }

    [Fact]
    public async Task Search_FindsByChineseSubstringOfTheNameAndByPartOfTheMobile()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var mobile = UniqueMobile();
        var wanted = await NewContactAsync(api, new { companyId, name = "欧阳修文", mobile });
        await NewContactAsync(api, new { companyId, name = "司马光", mobile = UniqueMobile() });

        var byName = await (await api.GetAsync($"/api/v1/contacts?companyId={companyId}&q={Uri.EscapeDataString("阳修")}")).ReadObjectAsync();
        byName["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ShouldBe(["欧阳修文"]);

        var everywhere = await (await api.GetAsync($"/api/v1/contacts?q={Uri.EscapeDataString("阳修")}&limit=200")).ReadObjectAsync();
        var names = everywhere["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();
        names.ShouldContain("欧阳修文");
        names.ShouldAllBe(n => n.Contains("阳修"));

        var part = mobile[3..9];
        var byMobile = await (await api.GetAsync($"/api/v1/contacts?q={part}&limit=200")).ReadObjectAsync();
        byMobile["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ShouldContain(wanted["id"]!.GetValue<long>());
        byMobile["items"]!.AsArray().ShouldAllBe(i => $"{i!["mobile"]}{i["phone"]}{i["email"]}".Contains(part));
    }

    [Fact]
    public async Task List_PagesWithCursorsBothWaysWithoutGapsOrRepeats()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var created = new List<long>();
        for (var i = 0; i < 5; i++) created.Add((await NewContactAsync(api, new { companyId, name = $"翻页{i}" }))["id"]!.GetValue<long>());
        created.Reverse();

        var seen = new List<long>();
        string? cursor = null;
        JsonObject page;
        do
        {
            page = await (await api.GetAsync($"/api/v1/contacts?companyId={companyId}&limit=2&cursor={cursor}")).ReadObjectAsync();
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        seen.ShouldBe(created);

        var back = await (await api.GetAsync($"/api/v1/contacts?companyId={companyId}&limit=2&cursor={page["previousCursor"]}")).ReadObjectAsync();
        back["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ShouldBe(created[2..4]);
    }

    [Fact]
    public async Task Update_WithStaleVersion_Is409AndOverwritesNothing()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var id = (await NewContactAsync(api, new { companyId, name = "冲突测试" }))["id"]!.GetValue<long>();
        (await api.PutAsJsonAsync($"/api/v1/contacts/{id}", new { companyId, name = "冲突测试", mobile = "first", version = 1 })).EnsureSuccessStatusCode();

        using var stale = await api.PutAsJsonAsync($"/api/v1/contacts/{id}", new { companyId, name = "冲突测试", mobile = "second", version = 1 });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("该记录已被其他人修改，请刷新后重新编辑");
        var stored = await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.Id == id));
        stored.Mobile.ShouldBe("first");
        stored.Version.ShouldBe(2);

        using var staleDelete = await api.DeleteAsync($"/api/v1/contacts/{id}?version=1");
        staleDelete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ContactCountAsync(companyId)).ShouldBe(1);
    }

    [Fact]
    public async Task Update_WithoutVersion_IsRefused()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var id = (await NewContactAsync(api, new { companyId, name = "无版本" }))["id"]!.GetValue<long>();

        using var response = await api.PutAsJsonAsync($"/api/v1/contacts/{id}", new { companyId, name = "改了" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.Id == id))).Name.ShouldBe("无版本");
    }

    [Fact]
    public async Task MarkingTwoContactsPrimaryAtOnce_LeavesExactlyOnePrimary()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        using var other = await app.ApiAsAsync("xiaolin");
        for (var round = 0; round < 6; round++)
        {
            var companyId = await NewCompanyAsync(api);
            var ids = new List<long>();
            for (var i = 0; i < 2; i++) ids.Add((await NewContactAsync(api, new { companyId, name = $"并发联系人{i}" }))["id"]!.GetValue<long>());

            using var start = new SemaphoreSlim(0, 2);
            var marks = new[] { api, other }.Select((client, i) => Task.Run(async () =>
            {
                await start.WaitAsync();
                using var response = await client.PutAsJsonAsync($"/api/v1/contacts/{ids[i]}", new { companyId, name = $"并发联系人{i}", isPrimary = true, version = 1 });
                return response.StatusCode;
            })).ToList();
            start.Release(2);
            (await Task.WhenAll(marks)).ShouldAllBe(s => s == HttpStatusCode.OK);

            var primaries = await app.WithDbAsync(db => db.Contacts.CountAsync(c => c.CompanyId == companyId && c.IsPrimary));
            primaries.ShouldBe(1, $"round {round}");
        }
    }

    [Fact]
    public async Task MarkingAContactPrimary_TakesTheMarkFromTheCompanysOtherContactOnly()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var otherCompany = await NewCompanyAsync(api);
        var first = await NewContactAsync(api, new { companyId, name = "老主联系人", isPrimary = true });
        var elsewhere = await NewContactAsync(api, new { companyId = otherCompany, name = "别家主联系人", isPrimary = true });

        var second = await NewContactAsync(api, new { companyId, name = "新主联系人", isPrimary = true });

        async Task<bool> IsPrimary(JsonObject c) => await app.WithDbAsync(db => db.Contacts.Where(x => x.Id == c["id"]!.GetValue<long>()).Select(x => x.IsPrimary).SingleAsync());
        (await IsPrimary(first)).ShouldBeFalse();
        (await IsPrimary(second)).ShouldBeTrue();
        (await IsPrimary(elsewhere)).ShouldBeTrue();

        using var back = await api.PutAsJsonAsync($"/api/v1/contacts/{first["id"]}", new { companyId, name = "老主联系人", isPrimary = true, version = 2 });
        back.StatusCode.ShouldBe(HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
        (await IsPrimary(first)).ShouldBeTrue();
        (await IsPrimary(second)).ShouldBeFalse();
    }

    [Fact]
    public async Task Update_RecordsFieldLevelHistory()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var id = (await NewContactAsync(api, new { companyId, name = "历史测试", mobile = "13900000001", gender = "male" }))["id"]!.GetValue<long>();

        (await api.PutAsJsonAsync($"/api/v1/contacts/{id}", new { companyId, name = "历史测试", mobile = "13900000002", gender = "female", version = 1 })).EnsureSuccessStatusCode();

        var entry = (await app.WithDbAsync(db => db.ChangeLog.Where(e => e.EntityType == nameof(Contact) && e.EntityId == id).ToListAsync())).ShouldHaveSingleItem();
        entry.Action.ShouldBe(ChangeAction.Updated);
        entry.UserId.ShouldBe(await app.UserIdAsync("xiaolin"));
        entry.Changes.ShouldContain(new FieldChange("Mobile", "13900000001", "13900000002"));
        entry.Changes.ShouldContain(new FieldChange("Gender", "Male", "Female"));

        var history = (await (await api.GetAsync($"/api/v1/contacts/{id}/history")).Content.ReadFromJsonAsync<JsonArray>(ApiJson.Options))!;
        var item = history.ShouldHaveSingleItem()!;
        item["action"]!.GetValue<string>().ShouldBe("updated");
        item["userName"]!.GetValue<string>().ShouldBe("小林");
        item["changes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ShouldContain("Mobile");
    }

    [Fact]
    public async Task Delete_RemovesTheContactButKeepsItsContactRecordsWithTheName()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var companyId = await NewCompanyAsync(api);
        var id = (await NewContactAsync(api, new { companyId, name = "将被删除" }))["id"]!.GetValue<long>();
        var recorder = await app.UserIdAsync("xiaolin");
        var recordId = await app.WithDbAsync(async db =>
        {
            var record = new ContactRecord(new ContactRecordDetails(DateTime.UtcNow.AddDays(-1), companyId, id, "将被删除", null, "电话沟通", null, null, recorder));
            db.ContactRecords.Add(record);
            await db.SaveChangesAsync();
            return record.Id;
        });

        using var response = await api.DeleteAsync($"/api/v1/contacts/{id}?version=1");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var record = await app.WithDbAsync(db => db.ContactRecords.AsNoTracking().SingleAsync(r => r.Id == recordId));
        record.ContactId.ShouldBeNull();
        record.ContactName.ShouldBe("将被删除");
        (await app.WithDbAsync(db => db.ChangeLog.CountAsync(e => e.EntityType == nameof(Contact) && e.EntityId == id && e.Action == ChangeAction.Deleted))).ShouldBe(1);
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        using var client = app.Anonymous();
        (await client.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/v1/contacts/1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/contacts", new { companyId = 1, name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.DeleteAsync("/api/v1/contacts/1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class ContactsApiTestsOnSqlite(SqliteApp app) : ContactsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ContactsApiTestsOnPostgres(PostgresApp app) : ContactsApiTests(app), IClassFixture<PostgresApp>;
