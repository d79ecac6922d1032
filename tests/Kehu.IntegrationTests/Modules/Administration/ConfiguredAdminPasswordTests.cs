using System.Net;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kehu.IntegrationTests.Modules.Administration;

/// <summary>A non-demo install whose first start was given Kehu:AdminPassword.</summary>
public sealed class ConfiguredAdminPasswordTests(ConfiguredAdminPasswordTests.App app) : IClassFixture<ConfiguredAdminPasswordTests.App>
{
    public sealed class App : SqliteApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("Kehu:DemoData", "false"), new("Kehu:AdminPassword", "configured-pass-1")];
    }

    [Fact]
    public async Task FirstStart_CreatesOnlyTheAdministrator_WithTheConfiguredPassword_AndNoSetupStep()
    {
        using var client = app.Anonymous();
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.WithDbAsync(db => db.Users.Select(u => u.UserName).ToListAsync())).ShouldBe(["admin"]);
        (await app.WithDbAsync(db => db.Companies.CountAsync())).ShouldBe(0);
        app.Services.GetRequiredService<FirstStartSetup>().Pending.ShouldBeFalse();
        (await app.ApiLoginAsync("admin", "configured-pass-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ApiLoginAsync("admin", KehuApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetStringAsync("/account/login")).ShouldNotContain(KehuApp.DemoPassword);
    }
}
