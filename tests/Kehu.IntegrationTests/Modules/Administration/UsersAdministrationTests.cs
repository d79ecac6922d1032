using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Identity;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Administration.AdminTestHelpers;

namespace Kehu.IntegrationTests.Modules.Administration;

public abstract class UsersAdministrationTests(KehuApp app)
{
    private const string Password = "secret-pass-1";

    private Task<bool> IsActiveAsync(long id) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsActive).SingleAsync());

    [Fact]
    public async Task UsersApi_ForANonAdministrator_GivesOnlyNamesAndRefusesChanges()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var xiaolin = await app.UserIdAsync("xiaolin");
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        var list = await (await api.GetAsync("/api/v1/users?limit=200")).ReadObjectAsync();
        using var create = await api.PostAsJsonAsync("/api/v1/users", new { userName = Unique("x"), displayName = "x", password = Password, roles = new[] { "admin" } });
        using var promote = await api.PutAsJsonAsync($"/api/v1/users/{xiaolin}", new { displayName = "小林", roles = new[] { "admin" }, version = 1 });

        var first = list["items"]!.AsArray().Select(i => i!.AsObject()).First(i => i["id"]!.GetValue<long>() == xiaolin);
        first.Select(p => p.Key).Order().ShouldBe(["displayName", "id"]);
        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        promote.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(before);
        (await app.WithDbAsync(db => db.Users.Where(u => u.Id == xiaolin).SelectMany(u => u.Roles).AnyAsync(r => r.Role!.Code == RoleCodes.Administrator)))
            .ShouldBeFalse();
    }

    [Fact]
    public async Task AdminPages_ForANonAdministrator_AreDeniedAndPostsChangeNothing()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        var zhao = await app.UserIdAsync("zhaojingli");

        foreach (var url in new[] { "/admin/users", "/admin/users/new", $"/admin/users/{zhao}", "/admin/departments", "/admin/roles", "/admin/options", "/admin/numbering" })
        {
            using var get = await page.Http.GetAsync(url);
            get.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            get.Headers.Location!.AbsolutePath.ShouldBe("/account/denied", url);
        }
        using var post = await page.PostWithTokenAsync("/account/tokens", $"/admin/users/{zhao}?handler=SetActive", new Dictionary<string, string> { ["active"] = "false" });

        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        (await IsActiveAsync(zhao)).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateUser_WithADuplicateLoginOrShortPassword_IsRefusedNamingTheFieldAndSavesNothing()
    {
        using var api = await app.ApiAsAsync("admin");
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        using var duplicate = await api.PostAsJsonAsync("/api/v1/users", new { userName = " ＸiaoLin ", displayName = "另一个小林", password = Password, roles = new[] { "sales" } });
        using var shortPassword = await api.PostAsJsonAsync("/api/v1/users", new { userName = Unique("u"), displayName = "短密码", password = "1234567", roles = new[] { "sales" } });

        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.FieldErrorsAsync("userName")).ShouldHaveSingleItem().ShouldStartWith("用户名已存在");
        shortPassword.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await shortPassword.FieldErrorsAsync("password")).ShouldBe(["密码至少需要 8 个字符"]);
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task CreateUserPage_WithADuplicateLogin_ShowsTheMessageAtTheField()
    {
        using var page = await app.BrowserAsAsync("admin");
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        using var response = await page.SubmitFormAsync("/admin/users/new", new Dictionary<string, string>
        {
            ["Input.UserName"] = "ADMIN",
            ["Input.DisplayName"] = "第二个管理员",
            ["Input.Password"] = Password,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        doc.FieldMessage("Input.UserName").ShouldBe("用户名已存在：ADMIN");
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task CreateUserPage_WithEveryRoleUnchecked_IsRefusedNamingTheRoles()
    {
        using var page = await app.BrowserAsAsync("admin");
        var login = Unique("noroles");

        using var response = await page.PostWithTokenAsync("/admin/users/new", "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.UserName"] = login,
            ["Input.DisplayName"] = "没有角色",
            ["Input.Password"] = Password,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(response)).FieldMessage("Input.Roles").ShouldBe("角色不能为空");
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == login))).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateUserPage_CreatesAUserWhoCanLogIn()
    {
        using var page = await app.BrowserAsAsync("admin");
        var login = Unique("new");
        var sales = await app.WithDbAsync(db => db.Departments.Where(d => d.Name == "销售部").Select(d => d.Id).SingleAsync());

        using var response = await page.SubmitFormAsync("/admin/users/new", new Dictionary<string, string>
        {
            ["Input.UserName"] = login,
            ["Input.DisplayName"] = "新同事",
            ["Input.Email"] = "new@example.cn",
            ["Input.DepartmentId"] = sales.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles"] = "sales",
            ["Input.Password"] = Password,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var created = await app.WithDbAsync(db => db.Users.Include(u => u.Roles).ThenInclude(r => r.Role).SingleAsync(u => u.UserName == login));
        created.DepartmentId.ShouldBe(sales);
        created.Roles.Select(r => r.Role!.Code).ShouldBe(["sales"]);
        response.Headers.Location!.OriginalString.ShouldBe($"/admin/users/{created.Id}");
        (await page.GetDocumentAsync(response.Headers.Location.OriginalString)).QuerySelector(".alert-success")!.TextContent.ShouldContain(login);
        using var newcomer = await app.BrowserLoginAsync(login, Password);
        (await newcomer.Http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deactivate_EndsTheUsersTokenAndCookieSession()
    {
        using var adminApi = await app.ApiAsAsync("admin");
        var login = Unique("leaver");
        var id = (await adminApi.CreateUserAsync(login, Password))["id"]!.GetValue<long>();
        using var api = await app.ApiWithPasswordAsync(login, Password);
        using var browser = await app.BrowserLoginAsync(login, Password);
        (await api.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.Http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var admin = await app.BrowserAsAsync("admin");

        using var response = await admin.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string>(), "#deactivate-form");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsActiveAsync(id)).ShouldBeFalse();
        (await api.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var home = await browser.Http.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
        (await app.ApiLoginAsync(login, Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Deactivate_LastAdministrator_IsRefusedAndChangesNothing()
    {
        var adminId = await app.UserIdAsync("admin");
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.IsActive && u.Roles.Any(r => r.Role!.Code == RoleCodes.Administrator))))
            .ShouldBe(1, "the demo data has one administrator");
        using var api = await app.ApiAsAsync("admin");
        var me = await (await api.GetAsync($"/api/v1/users/{adminId}")).ReadObjectAsync();
        using var page = await app.BrowserAsAsync("admin");

        using var viaApi = await api.PutAsJsonAsync($"/api/v1/users/{adminId}", new
        {
            displayName = me["displayName"]!.GetValue<string>(),
            roles = new[] { "admin" },
            isActive = false,
            version = me["version"]!.GetValue<int>(),
        });
        using var viaPage = await page.SubmitFormAsync($"/admin/users/{adminId}", new Dictionary<string, string>(), "#deactivate-form");
        using var demote = await api.PutAsJsonAsync($"/api/v1/users/{adminId}", new
        {
            displayName = me["displayName"]!.GetValue<string>(),
            roles = new[] { "employee" },
            version = me["version"]!.GetValue<int>(),
        });

        viaApi.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await viaApi.FieldErrorsAsync("isActive")).ShouldBe(["不能停用最后一位系统管理员"]);
        viaPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(viaPage)).Summary().ShouldBe("不能停用最后一位系统管理员");
        demote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await demote.FieldErrorsAsync("roles")).ShouldBe(["不能移除最后一位系统管理员的系统管理员角色"]);
        var admin = await app.WithDbAsync(db => db.Users.Include(u => u.Roles).ThenInclude(r => r.Role).SingleAsync(u => u.Id == adminId));
        admin.IsActive.ShouldBeTrue();
        admin.Roles.Select(r => r.Role!.Code).ShouldContain(RoleCodes.Administrator);
        admin.Version.ShouldBe(me["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnAdministrator_CannotDeactivateThemselvesOrDropTheirOwnRole_EvenWithAnotherAdministrator()
    {
        using var api = await app.ApiAsAsync("admin");
        var second = await api.CreateUserAsync(Unique("admin2"), Password, "admin");
        var secondId = second["id"]!.GetValue<long>();
        try
        {
            using var other = await app.ApiWithPasswordAsync(second["userName"]!.GetValue<string>(), Password);
            var me = await (await other.GetAsync($"/api/v1/users/{secondId}")).ReadObjectAsync();

            using var deactivateSelf = await other.PutAsJsonAsync($"/api/v1/users/{secondId}", new { displayName = "x", roles = new[] { "admin" }, isActive = false, version = me["version"]!.GetValue<int>() });
            using var demoteSelf = await other.PutAsJsonAsync($"/api/v1/users/{secondId}", new { displayName = "x", roles = new[] { "sales" }, version = me["version"]!.GetValue<int>() });

            (await deactivateSelf.FieldErrorsAsync("isActive")).ShouldBe(["不能停用自己的账户"]);
            (await demoteSelf.FieldErrorsAsync("roles")).ShouldBe(["不能移除自己的系统管理员角色"]);
            (await IsActiveAsync(secondId)).ShouldBeTrue();
        }
        finally
        {
            // Another administrator may deactivate this one; the demo admin stays the only one.
            using var page = await app.BrowserAsAsync("admin");
            (await page.SubmitFormAsync($"/admin/users/{secondId}", new Dictionary<string, string>(), "#deactivate-form"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await IsActiveAsync(secondId)).ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateUser_WithAStaleVersion_Is409OnTheApiAndAConflictOnThePage_AndOverwritesNothing()
    {
        using var api = await app.ApiAsAsync("admin");
        var created = await api.CreateUserAsync(Unique("stale"), Password);
        var id = created["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("admin");
        var form = await page.GetDocumentAsync($"/admin/users/{id}");
        (await api.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "第一次", roles = new[] { "sales" }, version = 1 })).EnsureSuccessStatusCode();

        using var stale = await api.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "第二次", roles = new[] { "sales" }, version = 1 });
        using var stalePage = await page.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("#user-form")!, $"/admin/users/{id}",
            new Dictionary<string, string> { ["Input.DisplayName"] = "第三次" });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("该记录已被其他人修改，请刷新后重新编辑");
        stalePage.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(stalePage)).Summary().ShouldBe("该记录已被其他人修改，请刷新后重新编辑");
        (await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync())).ShouldBe("第一次");
    }

    [Fact]
    public async Task EditUserPage_ChangesNameDepartmentAndRoles()
    {
        using var api = await app.ApiAsAsync("admin");
        var id = (await api.CreateUserAsync(Unique("edit"), Password, "sales"))["id"]!.GetValue<long>();
        var purchasing = await app.WithDbAsync(db => db.Departments.Where(d => d.Name == "采购部").Select(d => d.Id).SingleAsync());
        using var page = await app.BrowserAsAsync("admin");

        using var response = await page.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "改过的名字",
            ["Input.DepartmentId"] = purchasing.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles"] = "purchaser",
        }, "#user-form");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var user = await app.WithDbAsync(db => db.Users.Include(u => u.Roles).ThenInclude(r => r.Role).SingleAsync(u => u.Id == id));
        user.DisplayName.ShouldBe("改过的名字");
        user.DepartmentId.ShouldBe(purchasing);
        user.Roles.Select(r => r.Role!.Code).ShouldBe(["purchaser"]);
    }

    [Fact]
    public async Task ChangingAUsersRoles_IsRecordedInTheirChangeHistory_InTheSameEntry()
    {
        using var api = await app.ApiAsAsync("admin");
        var created = await api.CreateUserAsync(Unique("roles"), Password, "sales");
        var id = created["id"]!.GetValue<long>();
        var roles = await app.WithDbAsync(db => db.Roles.ToDictionaryAsync(r => r.Code, r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        using var response = await api.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "换了角色", roles = new[] { "purchaser", "employee" }, version = created["version"]!.GetValue<int>() });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entry = (await app.WithDbAsync(db => db.ChangeLog.Where(e => e.EntityType == "User" && e.EntityId == id).ToListAsync())).ShouldHaveSingleItem();
        entry.UserId.ShouldBe(await app.UserIdAsync("admin"));
        var changes = entry.Changes.Where(c => c.Field == "Roles").Select(c => (c.From, c.To)).ToList();
        changes.ShouldBe([(roles["sales"], null), (null, roles["purchaser"]), (null, roles["employee"])], ignoreOrder: true);
        entry.Changes.ShouldContain(new Kehu.Web.Platform.Audit.FieldChange("DisplayName", "测试" + created["userName"]!.GetValue<string>(), "换了角色"));
    }

    [Fact]
    public async Task ResetPassword_ReplacesTheOldOne_AndKeepsTheHashOutOfTheHistory()
    {
        using var api = await app.ApiAsAsync("admin");
        var login = Unique("reset");
        var id = (await api.CreateUserAsync(login, Password))["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("admin");

        using var tooShort = await page.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string> { ["Password"] = "short" }, "#reset-password-form");
        using var response = await page.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string> { ["Password"] = "another-pass-2" }, "#reset-password-form");

        (await PageClient.ParseAsync(tooShort)).FieldMessage("Password").ShouldBe("密码至少需要 8 个字符");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ApiLoginAsync(login, Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.ApiLoginAsync(login, "another-pass-2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash).SingleAsync());
        var changes = await app.WithDbAsync(db => db.ChangeLog.Where(e => e.EntityType == "User" && e.EntityId == id).ToListAsync());
        var passwordChange = changes.SelectMany(e => e.Changes).Single(c => c.Field == "PasswordHash");
        passwordChange.From.ShouldBeNull();
        passwordChange.To.ShouldBeNull();
        changes.SelectMany(e => e.Changes).ShouldAllBe(c => c.To != hash);
    }

    [Fact]
    public async Task Unlock_LetsALockedOutUserLogInAgain()
    {
        using var api = await app.ApiAsAsync("admin");
        var login = Unique("locked");
        var id = (await api.CreateUserAsync(login, Password))["id"]!.GetValue<long>();
        for (var i = 0; i < User.MaxFailedLogins; i++) await app.ApiLoginAsync(login, "wrong-password");
        (await app.ApiLoginAsync(login, Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var page = await app.BrowserAsAsync("admin");
        var list = await page.GetDocumentAsync($"/admin/users?q={login}");
        list.QuerySelector($"tr[data-user='{login}']")!.TextContent.ShouldContain("已锁定");

        using var response = await page.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string>(), "#unlock-form");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ApiLoginAsync(login, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UsersList_SearchesByNameOrLogin()
    {
        using var page = await app.BrowserAsAsync("admin");

        var byName = await page.GetDocumentAsync($"/admin/users?q={Uri.EscapeDataString("赵经理")}");
        var byLogin = await page.GetDocumentAsync("/admin/users?q=XIAOL");

        byName.QuerySelectorAll("#users tbody tr").Select(r => r.GetAttribute("data-user")).ShouldBe(["zhaojingli"]);
        var row = byLogin.QuerySelectorAll("#users tbody tr").Single(r => r.GetAttribute("data-user") == "xiaolin");
        row.TextContent.ShouldContain("销售部");
        row.TextContent.ShouldContain("销售员");
    }

    [Fact]
    public async Task UsersList_PagedForwardThenBackByItsLinks_ShowsEveryUserInLoginNameOrder()
    {
        using var page = await app.BrowserAsAsync("admin");
        var expected = await app.WithDbAsync(db => db.Users.OrderBy(u => u.NormalizedUserName).Select(u => u.UserName).ToListAsync());

        var pages = await ListWalk.BothWaysAsync("/admin/users?limit=3", ListWalk.Page(page, "#users tbody tr", row => row.GetAttribute("data-user")!), expected);

        pages.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task UsersApi_ForAnAdministrator_PagesThroughEveryUserWithFullRecords()
    {
        using var api = await app.ApiAsAsync("admin");
        var expected = await app.WithDbAsync(db => db.Users.OrderBy(u => u.NormalizedUserName).Select(u => u.Id).ToListAsync());

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await (await api.GetAsync($"/api/v1/users?limit=4&cursor={cursor}")).ReadObjectAsync();
            var items = page["items"]!.AsArray();
            seen.AddRange(items.Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        seen.ShouldBe(expected);
        var xiaolin = await (await api.GetAsync($"/api/v1/users/{await app.UserIdAsync("xiaolin")}")).ReadObjectAsync();
        xiaolin["userName"]!.GetValue<string>().ShouldBe("xiaolin");
        xiaolin["department"]!.GetValue<string>().ShouldBe("销售部");
        xiaolin["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["employee", "sales"]);
        xiaolin["isActive"]!.GetValue<bool>().ShouldBeTrue();
        xiaolin["version"]!.GetValue<int>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SetupPage_OnAnInstallWhoseAdministratorHasAPassword_Is404()
    {
        using var client = app.Anonymous();
        (await client.GetAsync("/setup")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TokensPage_ShowsANewSecretOnce_ThatWorksUntilRevoked()
    {
        using var page = await app.BrowserAsAsync("xiaolin");

        using var created = await page.SubmitFormAsync("/account/tokens", new Dictionary<string, string> { ["Input.Name"] = "报表脚本" }, "#token-form");
        var secret = (await PageClient.ParseAsync(created)).QuerySelector("#token-secret")!.GetAttribute("value")!;
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        (await api.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await page.GetDocumentAsync("/account/tokens");
        list.QuerySelector("#token-secret").ShouldBeNull();
        var tokenId = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.TokenHash == ApiToken.Hash(secret)).Select(t => t.Id).SingleAsync());

        using var revoked = await page.SubmitFormAsync("/account/tokens", new Dictionary<string, string>(), $"#revoke-{tokenId}");

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await api.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class UsersAdministrationTestsOnSqlite(SqliteApp app) : UsersAdministrationTests(app), IClassFixture<SqliteApp>;

public sealed class UsersAdministrationTestsOnPostgres(PostgresApp app) : UsersAdministrationTests(app), IClassFixture<PostgresApp>;
