using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Identity;

public abstract class IdentityTests(KehuApp app)
{
    [Fact]
    public async Task ApiLogin_WithRightPassword_ReturnsABearerTokenThatWorks()
    {
        using var client = app.Anonymous();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "zhaojingli", password = KehuApp.DemoPassword });

        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await login.ReadObjectAsync();
        body["expiresAt"]!.GetValue<DateTime>().ShouldBeGreaterThan(DateTime.UtcNow);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["token"]!.GetValue<string>());
        (await client.GetAsync("/api/v1/companies")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ApiLogin_WithWrongPassword_Is401WithoutAToken()
    {
        using var client = app.Anonymous();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "caijingli", password = "wrong-password" });

        login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await login.Content.ReadAsStringAsync()).ShouldNotContain("token\"");
    }

    [Fact]
    public async Task Passwords_AreStoredAsIdentityHashes_NotInClear()
    {
        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.NormalizedUserName == "xiaolin").Select(u => u.PasswordHash).SingleAsync());
        hash.ShouldNotBeNull();
        hash.ShouldNotContain(KehuApp.DemoPassword);
        Convert.FromBase64String(hash)[0].ShouldBe((byte)0x01, "ASP.NET Core Identity v3 hash format");
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightPassword()
    {
        using var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "xiaoli", password = "nope" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "xiaoli", password = KehuApp.DemoPassword });

        right.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await right.Content.ReadAsStringAsync()).ShouldContain("锁定");
        (await app.WithDbAsync(db => db.Users.Where(u => u.NormalizedUserName == "xiaoli").Select(u => u.LockoutEndsAt).SingleAsync())).ShouldNotBeNull();
    }

    [Fact]
    public async Task FailedLogin_IsCountedButNotWrittenToTheUsersChangeHistory()
    {
        var id = await app.UserIdAsync("sunjingli");
        using var client = app.Anonymous();

        (await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "sunjingli", password = "nope" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.FailedLoginCount).SingleAsync())).ShouldBe(1);
        (await app.WithDbAsync(db => db.ChangeLog.CountAsync(e => e.EntityType == "User" && e.EntityId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task FailedLogin_KeepsTheUsersVersion_SoAnOpenEditOfTheUserIsNotMadeStale()
    {
        var id = await app.UserIdAsync("qianjingli");
        var before = await app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Version, u.UpdatedAt }).SingleAsync());
        using var client = app.Anonymous();

        (await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "qianjingli", password = "nope" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var after = await app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Version, u.UpdatedAt, u.FailedLoginCount }).SingleAsync());
        after.FailedLoginCount.ShouldBe(1);
        after.Version.ShouldBe(before.Version);
        after.UpdatedAt.ShouldBe(before.UpdatedAt);
    }

    [Fact]
    public async Task PersonalAccessToken_IsShownOnce_Works_AndStopsWorkingWhenRevoked()
    {
        using var api = await app.ApiAsAsync("xiaozhang");
        using var created = await api.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "脚本", expiresInDays = 30 });
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await created.ReadObjectAsync();
        var secret = body["token"]!.GetValue<string>();
        var id = body["id"]!.GetValue<long>();
        (await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.TokenHash == secret))).ShouldBeFalse("only a hash is stored");

        using var pat = app.Anonymous();
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await pat.GetAsync("/api/v1/companies")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await api.DeleteAsync($"/api/v1/auth/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await pat.GetAsync("/api/v1/companies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PersonalAccessToken_WithoutName_IsRefusedNamingTheField()
    {
        using var api = await app.ApiAsAsync("xiaozhang");
        using var response = await api.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "", expiresInDays = 0 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("name")).ShouldContain("令牌名称不能为空");
        (await response.FieldErrorsAsync("expiresInDays")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Api_DoesNotAcceptTheCookieSession()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        (await page.Http.GetAsync("/api/v1/companies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LoginPage_InDemoMode_ShowsTheDemoPassword()
    {
        using var client = app.Anonymous();
        var html = await client.GetStringAsync("/account/login");
        html.ShouldContain("kehu-demo");
        html.ShouldContain("xiaolin");
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        (await page.PostWithTokenAsync("/", "/account/logout", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var after = await page.Http.GetAsync("/");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task DataProtectionKeys_AreInTheDatabase_SoASecondNodeAcceptsTheSessionCookie()
    {
        var authCookie = await AuthCookieAsync(app);
        (await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0);

        await using var secondNode = new SecondNode(app);
        using var client = secondNode.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/customers/companies");
        request.Headers.Add("Cookie", authCookie);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Logs in through the first node and returns the session cookie it set.</summary>
    private static async Task<string> AuthCookieAsync(KehuApp app)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var form = await client.GetAsync("/account/login");
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var doc = await PageClient.ParseAsync(form);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "xiaolin", ["Input.Password"] = KehuApp.DemoPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", antiforgeryCookie));
        using var login = await client.SendAsync(request);
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("kehu.auth=", StringComparison.Ordinal));
    }

    /// <summary>Another app node on the same database.</summary>
    private sealed class SecondNode(KehuApp first) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", first.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Kehu", first.ConnectionString);
            builder.UseSetting("Kehu:DemoData", "true");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }
    }
}

public sealed class IdentityTestsOnSqlite(SqliteApp app) : IdentityTests(app), IClassFixture<SqliteApp>;

public sealed class IdentityTestsOnPostgres(PostgresApp app) : IdentityTests(app), IClassFixture<PostgresApp>;

/// <summary>The login rate limit, on an app configured with a low one.</summary>
public sealed class LoginRateLimitTests(LoginRateLimitTests.LowLimitApp app) : IClassFixture<LoginRateLimitTests.LowLimitApp>
{
    public sealed class LowLimitApp : SqliteApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:LoginAttemptsPerMinute", "3")];
    }

    [Fact]
    public async Task LoginAttempts_BeyondTheLimit_Get429()
    {
        using var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "nobody", password = "x" })).StatusCode);

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }
}
