using System.Net;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kehu.IntegrationTests.Modules.Administration;

/// <summary>An install without demo data: one administrator, no password, a setup code in the log.</summary>
public abstract class FirstStartSetupTests(KehuApp app)
{
    [Fact]
    public async Task Setup_RefusesAWrongCode_AndWithTheRightCodeSetsTheAdministratorsPasswordOnce()
    {
        using var client = app.Anonymous();
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var setup = app.Services.GetRequiredService<FirstStartSetup>();
        setup.Pending.ShouldBeTrue("start-up found the administrator without a password");
        (await app.WithDbAsync(db => db.Users.SingleAsync())).PasswordHash.ShouldBeNull();
        // The code start-up printed is not readable from here; a fresh one replaces it.
        var code = setup.Begin();
        using var page = new PageClient(app.Anonymous());
        (await page.GetDocumentAsync("/account/login")).QuerySelector("a[href='/setup']").ShouldNotBeNull();

        using var wrongCode = await page.SubmitFormAsync("/setup", new Dictionary<string, string>
        {
            ["Input.SetupCode"] = "000000000000",
            ["Input.Password"] = "first-admin-pass",
            ["Input.ConfirmPassword"] = "first-admin-pass",
        });
        using var mismatch = await page.SubmitFormAsync("/setup", new Dictionary<string, string>
        {
            ["Input.SetupCode"] = code,
            ["Input.Password"] = "first-admin-pass",
            ["Input.ConfirmPassword"] = "first-admin-typo",
        });

        wrongCode.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(wrongCode)).FieldMessage("Input.SetupCode").ShouldBe("设置码不正确，请查看服务器日志中的设置码");
        (await PageClient.ParseAsync(mismatch)).FieldMessage("Input.ConfirmPassword").ShouldBe("两次输入的密码不一致");
        (await app.WithDbAsync(db => db.Users.SingleAsync())).PasswordHash.ShouldBeNull();

        using var done = await page.SubmitFormAsync("/setup", new Dictionary<string, string>
        {
            ["Input.SetupCode"] = code.ToLowerInvariant(),
            ["Input.Password"] = "first-admin-pass",
            ["Input.ConfirmPassword"] = "first-admin-pass",
        });

        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        done.Headers.Location!.OriginalString.ShouldBe("/account/login");
        setup.Pending.ShouldBeFalse();
        using var admin = await app.BrowserLoginAsync("admin", "first-admin-pass");
        (await admin.Http.GetAsync("/admin/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/setup")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var again = await page.PostWithTokenAsync("/account/login", "/setup", new Dictionary<string, string>
        {
            ["Input.SetupCode"] = code,
            ["Input.Password"] = "taken-over-pass",
            ["Input.ConfirmPassword"] = "taken-over-pass",
        });
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ApiLoginAsync("admin", "taken-over-pass")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public class SqliteAppWithoutDemoData : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:DemoData", "false")];
}

public class PostgresAppWithoutDemoData : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:DemoData", "false")];
}

public sealed class FirstStartSetupTestsOnSqlite(SqliteAppWithoutDemoData app) : FirstStartSetupTests(app), IClassFixture<SqliteAppWithoutDemoData>;

public sealed class FirstStartSetupTestsOnPostgres(PostgresAppWithoutDemoData app) : FirstStartSetupTests(app), IClassFixture<PostgresAppWithoutDemoData>;
