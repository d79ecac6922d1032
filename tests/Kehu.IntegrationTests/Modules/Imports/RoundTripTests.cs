using System.Net;
using System.Text;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Customers;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>What Kehu exports, it imports back as it was: the exported file re-imported as updates
/// changes nothing, and every row counts as skipped (no change), not as an update.</summary>
public abstract class RoundTripTests(KehuApp app)
{
    private Task<List<(long Id, int Version, DateTime UpdatedAt)>> CompaniesAsync() => app.WithDbAsync(async db =>
        (await db.Companies.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Version, c.UpdatedAt }).ToListAsync())
            .Select(c => (c.Id, c.Version, c.UpdatedAt)).ToList());

    private Task<List<(long Id, int Version, DateTime UpdatedAt)>> ContactsAsync() => app.WithDbAsync(async db =>
        (await db.Contacts.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Version, c.UpdatedAt }).ToListAsync())
            .Select(c => (c.Id, c.Version, c.UpdatedAt)).ToList());

    private Task<int> HistoryAsync() => app.WithDbAsync(db => db.ChangeLog.CountAsync());

    private static async Task<byte[]> ExportAsync(HttpClient api, string list, string format)
    {
        using var response = await api.GetAsync($"/api/v1/{list}/export?format={format}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task ExportedCompanies_ReImported_ChangeNothing_AndEveryRowIsSkipped(string format)
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var file = await ExportAsync(lin, "companies", format);
        var (companies, history) = (await CompaniesAsync(), await HistoryAsync());
        var visible = await app.WithDbAsync(async db =>
        {
            var linId = await db.Users.Where(u => u.UserName == "xiaolin").Select(u => u.Id).SingleAsync();
            return await db.Companies.CountAsync(c => c.OwnerId == linId || db.Set<CompanyShare>().Any(s => s.CompanyId == c.Id && s.UserId == linId));
        });
        visible.ShouldBeGreaterThan(10);

        var preview = await UploadedAsync(lin, "companies", file, $"客户信息.{format}");

        Problems(preview).ShouldBeEmpty();
        (preview.Int("rows"), preview.Int("toCreate"), preview.Int("toUpdate"), preview.Int("toSkip")).ShouldBe((visible, 0, 0, visible));
        var id = preview["id"]!.GetValue<long>();
        await CommitAsync(lin, id, "rejectFile");
        var done = await WaitAsync(lin, id);
        (done["state"]!.GetValue<string>(), done.Int("created"), done.Int("updated"), done.Int("skipped")).ShouldBe(("completed", 0, 0, visible));
        (await CompaniesAsync()).ShouldBe(companies);
        (await HistoryAsync()).ShouldBe(history);
    }

    [Fact]
    public async Task ExportedCompanies_WithOneCellChanged_UpdateOnlyThatCompany()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var lines = Encoding.UTF8.GetString(await ExportAsync(lin, "companies", "csv")).TrimStart('\uFEFF').Split("\r\n");
        var header = lines[0].Split(',');
        var (codeAt, phoneAt) = (Array.IndexOf(header, "客户编号"), Array.IndexOf(header, "电话"));
        var cells = lines[1].Split(',');
        cells.Length.ShouldBe(header.Length, "the first data row of the export has no quoted commas");
        cells[phoneAt] = "0571-88886666";
        lines[1] = string.Join(',', cells);
        var code = cells[codeAt];
        var before = (await CompaniesAsync()).ToDictionary(c => c.Id);

        var done = await ImportedAsync(lin, "companies", Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), "客户信息.csv");

        (done.Int("created"), done.Int("updated"), done.Int("skipped")).ShouldBe((0, 1, lines.Count(l => l.Length > 0) - 2));
        var changed = await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Code == code));
        (changed.Phone, changed.Version).ShouldBe(("0571-88886666", before[changed.Id].Version + 1));
        (await CompaniesAsync()).Where(c => c.Id != changed.Id).ShouldBe(before.Values.Where(c => c.Id != changed.Id));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task ExportedContacts_ReImported_ChangeNothing_AndEveryRowIsSkipped(string format)
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var file = await ExportAsync(lin, "contacts", format);
        var (contacts, history) = (await ContactsAsync(), await HistoryAsync());

        var preview = await UploadedAsync(lin, "contacts", file, $"联系人资料.{format}");

        Problems(preview).ShouldBeEmpty();
        var rows = preview.Int("rows");
        rows.ShouldBeGreaterThan(10);
        (preview.Int("toCreate"), preview.Int("toUpdate"), preview.Int("toSkip")).ShouldBe((0, 0, rows));
        var id = preview["id"]!.GetValue<long>();
        await CommitAsync(lin, id, "rejectFile");
        (await WaitAsync(lin, id))["state"]!.GetValue<string>().ShouldBe("completed");
        (await ContactsAsync()).ShouldBe(contacts);
        (await HistoryAsync()).ShouldBe(history);
    }
}

public sealed class RoundTripTestsOnSqlite(SqliteApp app) : RoundTripTests(app), IClassFixture<SqliteApp>;

public sealed class RoundTripTestsOnPostgres(PostgresApp app) : RoundTripTests(app), IClassFixture<PostgresApp>;
