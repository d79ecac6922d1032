using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Workbench;

/// <summary>我的草稿 on 我的工作台: what the user started and has not submitted, of every document type.</summary>
public abstract class WorkbenchDraftsTests(KehuApp app)
{
    private static async Task<(long Id, string Number)> CreateAsync(HttpClient api, string url, object body)
    {
        using var response = await api.PostAsJsonAsync(url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.ReadObjectAsync();
        return (created["id"]!.GetValue<long>(), created["number"]!.GetValue<string>());
    }

    private static async Task<List<string>> DraftLinksAsync(PageClient page) =>
        (await page.GetDocumentAsync("/")).QuerySelectorAll("#my-drafts a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Workbench_ListsTheUsersOwnUnsubmittedDocuments_AndDropsThemOnceSubmitted()
    {
        var product = (await CreateProductAsync(app))["id"]!.GetValue<long>();
        using var zhouApi = await app.ApiAsAsync("xiaozhou");
        using var liApi = await app.ApiAsAsync("xiaoli");
        var count = await CreateAsync(zhouApi, "/api/v1/stock-adjustments", new { lines = new[] { new { productId = product, counted = 1 } } });
        var company = await app.WithDbAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var complaint = await CreateAsync(liApi, "/api/v1/complaints", new { companyId = company, subject = "草稿投诉" });
        using var zhou = await app.BrowserAsAsync("xiaozhou");
        using var li = await app.BrowserAsAsync("xiaoli");
        using var wang = await app.BrowserAsAsync("xiaowang");

        (await DraftLinksAsync(zhou)).ShouldContain(t => t.StartsWith(count.Number));
        (await DraftLinksAsync(li)).ShouldContain(t => t.StartsWith(complaint.Number));
        (await DraftLinksAsync(wang)).ShouldNotContain(t => t.StartsWith(count.Number) || t.StartsWith(complaint.Number));
        (await zhouApi.PostAsync($"/api/v1/stock-adjustments/{count.Id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DraftLinksAsync(zhou)).ShouldNotContain(t => t.StartsWith(count.Number));
    }
}

public sealed class WorkbenchDraftsTestsOnSqlite(SqliteApp app) : WorkbenchDraftsTests(app), IClassFixture<SqliteApp>;

public sealed class WorkbenchDraftsTestsOnPostgres(PostgresApp app) : WorkbenchDraftsTests(app), IClassFixture<PostgresApp>;
