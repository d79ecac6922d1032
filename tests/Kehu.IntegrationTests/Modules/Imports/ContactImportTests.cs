using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.Web.Modules.Customers;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>联系人资料 imports: 单位名称 finds the company among those the importer may see, birthdays
/// as text, date cells and serial numbers (from a workbook LibreOffice wrote), updates by name, undo.</summary>
public abstract class ContactImportTests(KehuApp app)
{
    private async Task<string> LinsCompanyAsync()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var name = AdminTestHelpers.Unique("联系人单位");
        using var response = await lin.PostAsJsonAsync("/api/v1/companies", new { name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return name;
    }

    private Task<List<Contact>> ContactsOfAsync(string company) => app.WithDbAsync(db =>
        db.Contacts.AsNoTracking().Where(c => db.Companies.Any(co => co.Id == c.CompanyId && co.Name == company)).OrderBy(c => c.Name).ToListAsync());

    [Fact]
    public async Task WorkbookFromLibreOffice_WithDatesAsTextCellsAndSerials_CreatesTheContacts()
    {
        var company = await LinsCompanyAsync();
        var folder = Directory.CreateTempSubdirectory("kehu-import-").FullName;
        var csv = Path.Combine(folder, "联系人.csv");
        await File.WriteAllBytesAsync(csv, Utf8Csv(
            "单位名称,联系人姓名,性别,手机,生日",
            $"{company},甲,男,13800000001,1985-06-01",
            $"{company},乙,女,13800000002,31199",
            $"{company},丙,,13800000003,1990年2月3日",
            $"{company},丁,,,1990/13/40",
            ",,,,",
            ",,,,"));
        var xlsx = await LibreOffice.ConvertAsync(csv, "xlsx", "CSV:44,34,76,1");
        using var lin = await app.ApiAsAsync("xiaolin");

        var preview = await UploadedAsync(lin, "contacts", await File.ReadAllBytesAsync(xlsx), "联系人.xlsx");
        (preview.Int("rows"), preview.Int("toCreate"), preview.Int("toSkip")).ShouldBe((4, 3, 1));
        Problems(preview).ShouldBe(["5|生日|生日“1990/13/40”不是有效的日期"]);
        await CommitAsync(lin, preview["id"]!.GetValue<long>(), "skipBadRows");
        await WaitAsync(lin, preview["id"]!.GetValue<long>());

        var contacts = await ContactsOfAsync(company);
        contacts.Select(c => (c.Name, c.Gender, c.Mobile, c.Birthday)).ShouldBe([
            ("丙", Gender.Unspecified, "13800000003", new DateOnly(1990, 2, 3)),
            ("乙", Gender.Female, "13800000002", new DateOnly(1985, 6, 1)),
            ("甲", Gender.Male, "13800000001", new DateOnly(1985, 6, 1)),
        ], ignoreOrder: true);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ACompanyTheImporterCannotSee_IsAnUnknownCompany()
    {
        using var admin = await app.ApiAsAsync("admin");
        var hidden = AdminTestHelpers.Unique("看不见的单位");
        using (var created = await admin.PostAsJsonAsync("/api/v1/companies", new { name = hidden }))
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var lin = await app.ApiAsAsync("xiaolin");

        var preview = await UploadedAsync(lin, "contacts", Utf8Csv("单位名称,联系人姓名", $"{hidden},甲", $"不存在的单位{Guid.NewGuid():N},乙"), "c.csv");

        (preview.Int("toCreate"), preview.Int("toSkip")).ShouldBe((0, 2));
        Problems(preview)[0].ShouldBe($"2|单位名称|单位名称“{hidden}”不存在或无权访问");
    }

    [Fact]
    public async Task ASecondImport_UpdatesByName_AndUndoRestoresIt_ButNotOnceAContactRecordUsesANewContact()
    {
        var company = await LinsCompanyAsync();
        using var lin = await app.ApiAsAsync("xiaolin");
        await ImportedAsync(lin, "contacts", Utf8Csv("单位名称,联系人姓名,职务", $"{company},甲,经理"), "c.csv");
        var second = await ImportedAsync(lin, "contacts", Utf8Csv("单位名称,联系人姓名,职务", $"{company},甲,总经理", $"{company},乙,助理"), "c.csv");
        (second.Int("created"), second.Int("updated")).ShouldBe((1, 1));

        var yi = (await ContactsOfAsync(company)).Single(c => c.Name == "乙");
        using (var record = await lin.PostAsJsonAsync("/api/v1/contact-records", new { companyId = yi.CompanyId, contactId = yi.Id, contactedAt = DateTime.UtcNow.AddHours(-1), content = "拜访" }))
            record.StatusCode.ShouldBe(HttpStatusCode.Created, await record.Content.ReadAsStringAsync());
        using (var refused = await lin.PostAsync($"/api/v1/imports/{second["id"]}/undo", null))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("联系人 乙 已有联系记录，不能撤销这次导入");
        }
        (await ContactsOfAsync(company)).Single(c => c.Name == "甲").Title.ShouldBe("总经理");

        await app.WithDbAsync(db => db.ContactRecords.Where(r => r.ContactId == yi.Id).ExecuteDeleteAsync());
        using (var undone = await lin.PostAsync($"/api/v1/imports/{second["id"]}/undo", null))
            undone.StatusCode.ShouldBe(HttpStatusCode.OK);
        var left = await ContactsOfAsync(company);
        left.Select(c => (c.Name, c.Title)).ShouldBe([("甲", "经理")]);
    }
}

public sealed class ContactImportTestsOnSqlite(SqliteApp app) : ContactImportTests(app), IClassFixture<SqliteApp>;

public sealed class ContactImportTestsOnPostgres(PostgresApp app) : ContactImportTests(app), IClassFixture<PostgresApp>;
