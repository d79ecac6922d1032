using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Customers;

public abstract class CompaniesApiTests(KehuApp app)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Create_WithoutName_IsRefusedNamingTheFieldAndSavesNothing()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var before = await app.WithDbAsync(db => db.Companies.CountAsync());

        using var response = await api.PostAsJsonAsync("/api/v1/companies", new { name = "  ", phone = "021-1234" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("name")).ShouldContain("单位名称不能为空");
        (await app.WithDbAsync(db => db.Companies.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Create_InEnglish_NamesTheFieldInEnglish()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var response = await api.PostAsJsonAsync("/api/v1/companies", new { name = "" });

        (await response.FieldErrorsAsync("name")).ShouldContain("Company name is required");
    }

    [Fact]
    public async Task Create_AssignsCodeOwnerAndVersion()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var name = Unique("上海测试机电");

        using var response = await api.PostAsJsonAsync("/api/v1/companies", new { name });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.ReadObjectAsync();
        body["code"]!.GetValue<string>().ShouldMatch(@"^C\d{6}$");
        body["ownerId"]!.GetValue<long>().ShouldBe(await app.UserIdAsync("xiaolin"));
        body["version"]!.GetValue<int>().ShouldBe(1);
        body["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["customer"]);
    }

    [Fact]
    public async Task Create_WithNameDifferingOnlyInWidthCaseAndSpaces_IsRefusedAsDuplicate()
    {
        using var api = await app.ApiAsAsync("admin");
        var stem = Unique("abc");
        (await api.PostAsJsonAsync("/api/v1/companies", new { name = $"{stem} 机电" })).EnsureSuccessStatusCode();
        var fullWidth = string.Concat(stem.ToUpperInvariant().Select(c => (char)(c + 0xFEE0))) + "　 机电 ";

        using var response = await api.PostAsJsonAsync("/api/v1/companies", new { name = fullWidth });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("name")).Single().ShouldStartWith("单位名称已存在");
    }

    [Fact]
    public async Task Update_WithStaleVersion_Is409AndOverwritesNothing()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var created = await (await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("冲突测试") })).ReadObjectAsync();
        var id = created["id"]!.GetValue<long>();
        var name = created["name"]!.GetValue<string>();
        (await api.PutAsJsonAsync($"/api/v1/companies/{id}", new { name, phone = "first", version = 1 })).EnsureSuccessStatusCode();

        using var stale = await api.PutAsJsonAsync($"/api/v1/companies/{id}", new { name, phone = "second", version = 1 });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var phone = await app.WithDbAsync(db => db.Companies.Where(c => c.Id == id).Select(c => c.Phone).SingleAsync());
        phone.ShouldBe("first");
    }

    [Fact]
    public async Task Update_RecordsFieldLevelHistory()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var created = await (await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("历史测试"), phone = "010-1" })).ReadObjectAsync();
        var id = created["id"]!.GetValue<long>();

        (await api.PutAsJsonAsync($"/api/v1/companies/{id}", new { name = created["name"]!.GetValue<string>(), phone = "010-2", version = 1 })).EnsureSuccessStatusCode();

        var history = await app.WithDbAsync(db => db.ChangeLog.Where(e => e.EntityType == "Company" && e.EntityId == id).ToListAsync());
        var entry = history.ShouldHaveSingleItem();
        entry.Action.ShouldBe(ChangeAction.Updated);
        entry.UserId.ShouldBe(await app.UserIdAsync("xiaolin"));
        entry.Changes.ShouldContain(new FieldChange("Phone", "010-1", "010-2"));
    }

    [Fact]
    public async Task AnotherSalespersonsCompany_IsInvisibleAndCannotBeEdited()
    {
        using var admin = await app.ApiAsAsync("admin");
        var zhao = await app.UserIdAsync("zhaojingli");
        var created = await (await admin.PostAsJsonAsync("/api/v1/companies", new { name = Unique("赵经理的客户"), ownerId = zhao })).ReadObjectAsync();
        var id = created["id"]!.GetValue<long>();
        using var xiaolin = await app.ApiAsAsync("xiaolin");

        (await xiaolin.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await xiaolin.GetAsync($"/api/v1/companies?q={Uri.EscapeDataString(created["name"]!.GetValue<string>())}")).ReadObjectAsync();
        list["items"]!.AsArray().Count.ShouldBe(0);
        using var edit = await xiaolin.PutAsJsonAsync($"/api/v1/companies/{id}", new { name = "改名", version = 1 });
        edit.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.Companies.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()))
            .ShouldBe(created["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Detail_FollowsARoleChange_AtOnce()
    {
        using var admin = await app.ApiAsAsync("admin");
        var zhao = await app.UserIdAsync("zhaojingli");
        var other = await (await admin.PostAsJsonAsync("/api/v1/companies", new { name = Unique("赵经理的客户"), ownerId = zhao })).ReadObjectAsync();
        var login = Unique("roles");
        var user = await admin.CreateUserAsync(login, "secret-pass-1", "admin");
        var userId = user["id"]!.GetValue<long>();
        using var api = await app.ApiWithPasswordAsync(login, "secret-pass-1");
        (await api.GetAsync($"/api/v1/companies/{other["id"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var demoted = await admin.PutAsJsonAsync($"/api/v1/users/{userId}", new { displayName = "降级", roles = new[] { "sales" }, version = user["version"]!.GetValue<int>() });
        demoted.EnsureSuccessStatusCode();

        (await api.GetAsync($"/api/v1/companies/{other["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await (await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("自己的客户") })).ReadObjectAsync();
        (await api.GetAsync($"/api/v1/companies/{own["id"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var version = (await demoted.ReadObjectAsync())["version"]!.GetValue<int>();
        (await admin.PutAsJsonAsync($"/api/v1/users/{userId}", new { displayName = "恢复", roles = new[] { "admin" }, version })).EnsureSuccessStatusCode();

        (await api.GetAsync($"/api/v1/companies/{other["id"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SalesManager_SeesTheDepartmentsCompanies()
    {
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var created = await (await xiaolin.PostAsJsonAsync("/api/v1/companies", new { name = Unique("小林的客户") })).ReadObjectAsync();
        using var manager = await app.ApiAsAsync("zhaojingli");

        (await manager.GetAsync($"/api/v1/companies/{created["id"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        using var client = app.Anonymous();
        (await client.GetAsync("/api/v1/companies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/companies", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Search_ByTwoCharacterChineseSubstring_FindsMatchesOnly()
    {
        using var api = await app.ApiAsAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        foreach (var n in new[] { $"江苏{tag}机电设备", $"{tag}杭州机电", $"{tag}杭州电子" })
            (await api.PostAsJsonAsync("/api/v1/companies", new { name = n })).EnsureSuccessStatusCode();

        var body = await (await api.GetAsync($"/api/v1/companies?q={Uri.EscapeDataString(tag + "杭州机")}&limit=50")).ReadObjectAsync();
        body["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ShouldBe([$"{tag}杭州机电"]);

        var twoChar = await (await api.GetAsync($"/api/v1/companies?q={Uri.EscapeDataString("机电")}&limit=200")).ReadObjectAsync();
        var names = twoChar["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();
        names.ShouldContain($"江苏{tag}机电设备");
        names.ShouldContain($"{tag}杭州机电");
        names.ShouldAllBe(n => n.Contains("机电"));
    }

    [Fact]
    public async Task Search_ByExactCode_FindsThatCompany()
    {
        using var api = await app.ApiAsAsync("admin");
        var created = await (await api.PostAsJsonAsync("/api/v1/companies", new { name = Unique("编号查找") })).ReadObjectAsync();
        var code = created["code"]!.GetValue<string>();

        var body = await (await api.GetAsync($"/api/v1/companies?q={code.ToLowerInvariant()}")).ReadObjectAsync();

        body["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ShouldBe([code]);
    }

    [Fact]
    public async Task Search_PagesThroughManyMatchesInCodeOrder()
    {
        using var api = await app.ApiAsAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
            ids.Add((await (await api.PostAsJsonAsync("/api/v1/companies", new { name = $"{tag}宁波港{i}贸易" })).ReadObjectAsync())["id"]!.GetValue<long>());

        var first = await (await api.GetAsync($"/api/v1/companies?q={Uri.EscapeDataString(tag + "宁波港")}&limit=2")).ReadObjectAsync();
        var second = await (await api.GetAsync($"/api/v1/companies?q={Uri.EscapeDataString(tag + "宁波港")}&limit=2&cursor={first["nextCursor"]}")).ReadObjectAsync();

        first["total"]!.GetValue<int>().ShouldBe(5);
        second["total"].ShouldBeNull("later pages do not count again");
        first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["id"]!.GetValue<long>())
            .ShouldBe(ids.OrderDescending().Take(4));
    }

    [Fact]
    public async Task List_PagesWithCursorsWithoutGapsOrRepeats()
    {
        using var api = await app.ApiAsAsync("admin");
        var all = await (await api.GetAsync("/api/v1/companies?limit=200&sort=name&dir=asc")).ReadObjectAsync();
        var expected = all["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        expected.Count.ShouldBeGreaterThan(20);

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await (await api.GetAsync($"/api/v1/companies?limit=7&sort=name&dir=asc&cursor={cursor}")).ReadObjectAsync();
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        seen.ShouldBe(expected);
    }
}

public sealed class CompaniesApiTestsOnSqlite(SqliteApp app) : CompaniesApiTests(app), IClassFixture<SqliteApp>;

public sealed class CompaniesApiTestsOnPostgres(PostgresApp app) : CompaniesApiTests(app), IClassFixture<PostgresApp>;
