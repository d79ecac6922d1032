using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.Web.Modules.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Customers;

/// <summary>共享 through the API: a company shared with a colleague is theirs to see and edit (not to
/// share further, re-own or delete) until it is unshared, which takes effect at once.</summary>
public abstract class CompanySharingApiTests(KehuApp app)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A new company of 赵经理's (the sales manager), named so a search finds only it.</summary>
    private async Task<(long Id, string Name)> ZhaosCompanyAsync()
    {
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var name = Unique("共享测试机电");
        using var response = await zhao.PostAsJsonAsync("/api/v1/companies", new { name, phone = "021-1" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return ((await response.ReadObjectAsync())["id"]!.GetValue<long>(), name);
    }

    private async Task ShareAsync(string asUser, long companyId, string withUser)
    {
        using var api = await app.ApiAsAsync(asUser);
        using var response = await api.PostAsJsonAsync($"/api/v1/companies/{companyId}/shares", new { userId = await app.UserIdAsync(withUser) });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private Task<List<long>> SharedWithAsync(long companyId) =>
        app.WithDbAsync(db => db.CompanyShares.Where(s => s.CompanyId == companyId).Select(s => s.UserId).OrderBy(u => u).ToListAsync());

    private Task<int> HistoryCountAsync(long companyId) =>
        app.WithDbAsync(db => db.ChangeLog.CountAsync(e => e.EntityType == "Company" && e.EntityId == companyId));

    private static async Task<List<long>> IdsAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.ReadObjectAsync())["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
    }

    [Fact]
    public async Task Share_MakesTheCompanyVisibleAndEditableToTheColleague_InListDetailSearchAndApi()
    {
        var (id, name) = await ZhaosCompanyAsync();
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        (await xiaolin.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var shared = await zhao.PostAsJsonAsync($"/api/v1/companies/{id}/shares", new { userId = await app.UserIdAsync("xiaolin") });

        shared.StatusCode.ShouldBe(HttpStatusCode.Created);
        var share = await shared.ReadObjectAsync();
        share["userName"]!.GetValue<string>().ShouldBe("小林");
        share["sharedBy"]!.GetValue<string>().ShouldBe("赵经理");
        using var detail = await xiaolin.GetAsync($"/api/v1/companies/{id}");
        detail.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await detail.ReadObjectAsync())["sharedWithMe"]!.GetValue<bool>().ShouldBeTrue();
        (await IdsAsync(xiaolin, "/api/v1/companies?limit=200")).ShouldContain(id);
        (await IdsAsync(xiaolin, $"/api/v1/companies?q={Uri.EscapeDataString(name)}")).ShouldBe([id]);
        (await IdsAsync(xiaolin, "/api/v1/companies?q=" + Uri.EscapeDataString("机电") + "&limit=200")).ShouldContain(id);
        (await IdsAsync(xiaolin, "/api/v1/companies?sort=name&limit=200")).ShouldContain(id);

        using var edit = await xiaolin.PutAsJsonAsync($"/api/v1/companies/{id}", new { name, phone = "021-2", version = 1 });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        using var contact = await xiaolin.PostAsJsonAsync("/api/v1/contacts", new { companyId = id, name = "共享联系人" });
        contact.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var record = await xiaolin.PostAsJsonAsync("/api/v1/contact-records", new { companyId = id, contactedAt = DateTimeOffset.UtcNow.AddHours(-1), contactName = "共享联系人" });
        record.StatusCode.ShouldBe(HttpStatusCode.Created, await record.Content.ReadAsStringAsync());
        (await IdsAsync(xiaolin, $"/api/v1/contacts?companyId={id}")).Count.ShouldBe(1);
        (await IdsAsync(xiaolin, $"/api/v1/contact-records?companyId={id}")).Count.ShouldBe(1);
        var saved = await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == id));
        saved.Phone.ShouldBe("021-2");
        saved.OwnerId.ShouldBe(await app.UserIdAsync("zhaojingli"));
    }

    [Fact]
    public async Task Share_WithAColleagueWhoHadNothingSharedYet_IsVisibleAtOnce_DespiteTheCachedScope()
    {
        var (id, _) = await ZhaosCompanyAsync();
        using var admin = await app.ApiAsAsync("admin");
        var login = AdminTestHelpers.Unique("fresh");
        await admin.CreateUserAsync(login, "Fresh-Pass-123", "purchaser");
        using var colleague = await app.ApiWithPasswordAsync(login, "Fresh-Pass-123");
        (await IdsAsync(colleague, "/api/v1/companies?limit=200")).ShouldNotContain(id);
        (await colleague.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await ShareAsync("zhaojingli", id, login);

        (await colleague.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IdsAsync(colleague, "/api/v1/companies?limit=200")).ShouldBe([id]);
    }

    [Fact]
    public async Task SharedWithMeFilter_ListsOnlyCompaniesSharedWithTheCaller()
    {
        var (id, _) = await ZhaosCompanyAsync();
        await ShareAsync("zhaojingli", id, "xiaolin");
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var mine = await app.UserIdAsync("xiaolin");

        using var response = await xiaolin.GetAsync("/api/v1/companies?sharedWithMe=true&limit=200");

        var items = (await response.ReadObjectAsync())["items"]!.AsArray();
        items.Select(i => i!["id"]!.GetValue<long>()).ShouldContain(id);
        items.ShouldAllBe(i => i!["sharedWithMe"]!.GetValue<bool>() && i["ownerId"]!.GetValue<long>() != mine);
        var expected = await app.WithDbAsync(db => db.CompanyShares.CountAsync(s => s.UserId == mine));
        items.Count.ShouldBe(expected);
    }

    [Fact]
    public async Task Unshare_RemovesTheColleaguesAccessAtOnce()
    {
        var (id, name) = await ZhaosCompanyAsync();
        await ShareAsync("zhaojingli", id, "xiaolin");
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        (await xiaolin.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IdsAsync(xiaolin, "/api/v1/companies?limit=200")).ShouldContain(id);

        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var unshare = await zhao.DeleteAsync($"/api/v1/companies/{id}/shares/{await app.UserIdAsync("xiaolin")}");

        unshare.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await xiaolin.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await IdsAsync(xiaolin, "/api/v1/companies?limit=200")).ShouldNotContain(id);
        (await IdsAsync(xiaolin, $"/api/v1/companies?q={Uri.EscapeDataString(name)}")).ShouldBeEmpty();
        (await IdsAsync(xiaolin, "/api/v1/companies?sharedWithMe=true&limit=200")).ShouldNotContain(id);
        (await xiaolin.PutAsJsonAsync($"/api/v1/companies/{id}", new { name, version = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await xiaolin.PostAsJsonAsync("/api/v1/contacts", new { companyId = id, name = "来晚了" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SharedWithAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Colleague_ItIsSharedWith_CannotShareFurtherUnshareDeleteOrChangeTheOwner_AndNothingChanges()
    {
        var (id, name) = await ZhaosCompanyAsync();
        await ShareAsync("zhaojingli", id, "xiaolin");
        var before = await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == id));
        var history = await HistoryCountAsync(id);
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var xiaolinId = await app.UserIdAsync("xiaolin");

        using var shareFurther = await xiaolin.PostAsJsonAsync($"/api/v1/companies/{id}/shares", new { userId = await app.UserIdAsync("xiaoli") });
        using var unshare = await xiaolin.DeleteAsync($"/api/v1/companies/{id}/shares/{xiaolinId}");
        using var delete = await xiaolin.DeleteAsync($"/api/v1/companies/{id}?version=1");
        using var takeOver = await xiaolin.PutAsJsonAsync($"/api/v1/companies/{id}", new { name, phone = "改了", ownerId = xiaolinId, version = 1 });

        shareFurther.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await shareFurther.ReadObjectAsync())["title"]!.GetValue<string>().ShouldBe("只有负责人、其部门经理或管理员可以共享此客户");
        unshare.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        delete.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        takeOver.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SharedWithAsync(id)).ShouldBe([xiaolinId]);
        var after = await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == id));
        after.OwnerId.ShouldBe(before.OwnerId);
        after.Phone.ShouldBe(before.Phone);
        after.Version.ShouldBe(before.Version);
        (await HistoryCountAsync(id)).ShouldBe(history);
    }

    [Fact]
    public async Task AnotherSalesperson_StillCannotSeeOrShareIt()
    {
        var (id, name) = await ZhaosCompanyAsync();
        await ShareAsync("zhaojingli", id, "xiaolin");
        using var admin = await app.ApiAsAsync("admin");
        var other = AdminTestHelpers.Unique("sales");
        await admin.CreateUserAsync(other, "Another-Pass-123", "sales");
        using var salesperson = await app.ApiWithPasswordAsync(other, "Another-Pass-123");

        (await salesperson.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await salesperson.GetAsync($"/api/v1/companies/{id}/shares")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await IdsAsync(salesperson, $"/api/v1/companies?q={Uri.EscapeDataString(name)}")).ShouldBeEmpty();
        using var selfShare = await salesperson.PostAsJsonAsync($"/api/v1/companies/{id}/shares", new { userId = await app.UserIdAsync(other) });
        selfShare.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SharedWithAsync(id)).ShouldBe([await app.UserIdAsync("xiaolin")]);
    }

    [Fact]
    public async Task SharingWithTheOwnerAnInactiveOrUnknownUserOrNobody_IsRefusedNamingTheField_AndSavesNothing()
    {
        var (id, _) = await ZhaosCompanyAsync();
        var inactive = await app.WithDbAsync(async db =>
        {
            var user = new User(Unique("gone"), "离职同事", null);
            user.SetActive(false);
            db.Users.Add(user);
            await db.SaveChangesAsync();
            return user.Id;
        });
        using var zhao = await app.ApiAsAsync("zhaojingli");

        async Task<string[]> RefusedAsync(object body)
        {
            using var response = await zhao.PostAsJsonAsync($"/api/v1/companies/{id}/shares", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            return await response.FieldErrorsAsync("userId");
        }

        (await RefusedAsync(new { userId = await app.UserIdAsync("zhaojingli") })).ShouldBe(["共享给不能是负责人本人"]);
        (await RefusedAsync(new { userId = inactive })).ShouldBe(["共享给：用户已停用"]);
        (await RefusedAsync(new { userId = 987654321L })).ShouldBe(["共享给：用户不存在"]);
        (await RefusedAsync(new { })).ShouldBe(["共享给不能为空"]);
        (await SharedWithAsync(id)).ShouldBeEmpty();
        (await HistoryCountAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task SharingWithTheOwner_InEnglish_NamesTheFieldInEnglish()
    {
        var (id, _) = await ZhaosCompanyAsync();
        using var zhao = await app.ApiAsAsync("zhaojingli");
        zhao.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var response = await zhao.PostAsJsonAsync($"/api/v1/companies/{id}/shares", new { userId = await app.UserIdAsync("zhaojingli") });

        (await response.FieldErrorsAsync("userId")).ShouldBe(["Shared with cannot be the owner"]);
    }

    [Fact]
    public async Task SharingAndUnsharing_AreRecordedInTheCompanysChangeHistory()
    {
        var (id, _) = await ZhaosCompanyAsync();
        var xiaolinId = await app.UserIdAsync("xiaolin");
        await ShareAsync("zhaojingli", id, "xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        (await zhao.DeleteAsync($"/api/v1/companies/{id}/shares/{xiaolinId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var response = await zhao.GetAsync($"/api/v1/companies/{id}/history");

        var items = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var changes = items.Select(i => (
            User: i!["userName"]?.GetValue<string>(),
            Change: i["changes"]!.AsArray().Single()!)).ToList();
        changes.Count.ShouldBe(2);
        changes.ShouldAllBe(c => c.User == "赵经理" && c.Change["field"]!.GetValue<string>() == "SharedWith");
        // Newest first: the unshare, then the share.
        changes[0].Change["from"]!.GetValue<string>().ShouldBe(xiaolinId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        changes[0].Change["to"].ShouldBeNull();
        changes[1].Change["from"].ShouldBeNull();
        changes[1].Change["to"]!.GetValue<string>().ShouldBe(xiaolinId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var version = await app.WithDbAsync(db => db.Companies.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        version.ShouldBe(1, "sharing is not an edit: someone editing the company meanwhile keeps a valid version");
    }

    [Fact]
    public async Task TheOwnersDepartmentManagerAndAnAdministrator_MayShare_AndGetTheListOfShares()
    {
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var id = (await (await xiaolin.PostAsJsonAsync("/api/v1/companies", new { name = Unique("小林共享") })).ReadObjectAsync())["id"]!.GetValue<long>();

        await ShareAsync("zhaojingli", id, "xiaoli");
        await ShareAsync("admin", id, "xiaowang");
        using var again = await xiaolin.PostAsJsonAsync($"/api/v1/companies/{id}/shares", new { userId = await app.UserIdAsync("xiaoli") });

        again.StatusCode.ShouldBe(HttpStatusCode.OK, "sharing again with the same colleague changes nothing");
        var list = System.Text.Json.Nodes.JsonNode.Parse(await (await xiaolin.GetAsync($"/api/v1/companies/{id}/shares")).Content.ReadAsStringAsync())!.AsArray();
        list.Select(s => s!["userName"]!.GetValue<string>()).ShouldBe(["小李", "小王"]);
        list.Select(s => s!["sharedBy"]!.GetValue<string>()).ShouldBe(["赵经理", "管理员"]);
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        (await xiaoli.GetAsync($"/api/v1/companies/{id}/shares")).StatusCode.ShouldBe(HttpStatusCode.OK, "a colleague it is shared with sees who else it is shared with");
    }

    [Fact]
    public async Task MakingTheColleagueTheOwner_DropsTheirShare()
    {
        var (id, name) = await ZhaosCompanyAsync();
        await ShareAsync("zhaojingli", id, "xiaolin");
        var xiaolinId = await app.UserIdAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");

        using var response = await zhao.PutAsJsonAsync($"/api/v1/companies/{id}", new { name, ownerId = xiaolinId, version = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await SharedWithAsync(id)).ShouldBeEmpty();
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var ids = await IdsAsync(xiaolin, "/api/v1/companies?limit=200");
        ids.Count(i => i == id).ShouldBe(1);
    }

    [Fact]
    public async Task DeletingASharedCompany_ByItsOwner_TakesItsSharesWithIt()
    {
        var (id, _) = await ZhaosCompanyAsync();
        await ShareAsync("zhaojingli", id, "xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");

        (await zhao.DeleteAsync($"/api/v1/companies/{id}?version=1")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await SharedWithAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Unsharing_SomeoneItIsNotSharedWith_Is404()
    {
        var (id, _) = await ZhaosCompanyAsync();
        using var zhao = await app.ApiAsAsync("zhaojingli");

        using var response = await zhao.DeleteAsync($"/api/v1/companies/{id}/shares/{await app.UserIdAsync("xiaolin")}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HistoryCountAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheSharesEndpoints()
    {
        using var client = app.Anonymous();

        var doc = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/api/v1/openapi.json"))!;

        var shares = doc["paths"]!["/api/v1/companies/{id}/shares"]!;
        shares["get"]!["responses"]!.AsObject().Select(r => r.Key).ShouldContain("404");
        shares["post"]!["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["201", "200", "400", "403", "404"], ignoreOrder: true);
        shares["post"]!["requestBody"].ShouldNotBeNull();
        var one = doc["paths"]!["/api/v1/companies/{id}/shares/{userId}"]!;
        one["delete"]!["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["204", "403", "404"], ignoreOrder: true);
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        var (id, _) = await ZhaosCompanyAsync();
        using var client = app.Anonymous();

        (await client.GetAsync($"/api/v1/companies/{id}/shares")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync($"/api/v1/companies/{id}/shares", new { userId = 2 })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.DeleteAsync($"/api/v1/companies/{id}/shares/2")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SharedWithAsync(id)).ShouldBeEmpty();
    }
}

public sealed class CompanySharingApiTestsOnSqlite(SqliteApp app) : CompanySharingApiTests(app), IClassFixture<SqliteApp>;

public sealed class CompanySharingApiTestsOnPostgres(PostgresApp app) : CompanySharingApiTests(app), IClassFixture<PostgresApp>;
