using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Imports;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>客户信息表 imports over the API: preview, both modes, rejected rows, undo, rights.</summary>
public abstract class CompanyImportTests(KehuApp app)
{
    private Task<long> UserAsync(string name) => app.UserIdAsync(name);

    private Task<Company> CompanyNamedAsync(string name) => app.WithDbAsync(db =>
    {
        var normalized = NameNormalizer.Normalize(name);
        return db.Companies.AsNoTracking().SingleAsync(c => c.NormalizedName == normalized);
    });

    private Task<bool> ExistsAsync(string name) => CompanyExistsAsync(app, name);

    /// <summary>A company owned by 小林 with a known phone, to be matched by name.</summary>
    private async Task<(long Id, string Name)> LinsCompanyAsync()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var name = AdminTestHelpers.Unique("林的老客户");
        using var response = await lin.PostAsJsonAsync("/api/v1/companies", new { name, phone = "010-1111", roles = new[] { "customer" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return ((await response.ReadObjectAsync())["id"]!.GetValue<long>(), name);
    }

    [Fact]
    public async Task Preview_OfAMixedFile_CountsCreatesUpdatesAndSkips_AndNamesEachProblem_WritingNothing()
    {
        var (_, existing) = await LinsCompanyAsync();
        var a = AdminTestHelpers.Unique("新客户甲");
        var b = AdminTestHelpers.Unique("新客户乙");
        using var lin = await app.ApiAsAsync("xiaolin");
        var before = await CountsAsync(app);

        var preview = await UploadedAsync(lin, "companies", Utf8Csv(
            "单位名称,客户等级,客户状态,电话,邮箱",
            $"{a},重点客户,潜在,021-1,a@example.com",
            $"{existing},普通客户,意向,010-2222,",
            ",普通客户,潜在,,",
            $"{b},钻石客户,潜在,,",
            $"{a.ToUpperInvariant()},,,,",
            $"{b}x,,,,not-an-email"), "客户.csv");

        preview["state"]!.GetValue<string>().ShouldBe("previewed");
        preview["format"]!.GetValue<string>().ShouldBe("csv");
        preview["encoding"]!.GetValue<string>().ShouldBe("UTF-8");
        (preview.Int("rows"), preview.Int("toCreate"), preview.Int("toUpdate"), preview.Int("toSkip")).ShouldBe((6, 1, 1, 4));
        Problems(preview).ShouldBe([
            "4|单位名称|单位名称不能为空",
            "5|客户等级|客户等级的取值“钻石客户”不存在",
            "6|单位名称|与第 2 行重复",
            "7|邮箱|邮箱格式不正确",
        ]);
        preview["columns"]!.AsArray().Select(c => c!["field"]?.GetValue<string>()).ShouldBe(["name", "level", "status", "phone", "email"]);
        (await CountsAsync(app)).ShouldBe(before with { Jobs = before.Jobs + 1 });
        (await CompanyNamedAsync(existing)).Phone.ShouldBe("010-1111");
    }

    [Fact]
    public async Task SkipBadRows_WritesTheGoodRows_AndCountsExactly_WithTheImporterAsOwnerAndAuditor()
    {
        var (existingId, existing) = await LinsCompanyAsync();
        var a = AdminTestHelpers.Unique("导入甲");
        using var lin = await app.ApiAsAsync("xiaolin");

        var done = await ImportedAsync(lin, "companies", Utf8Csv(
            "Name,Level,Phone,类型",
            $"{a},重点客户,021-1,客户/供应商",
            $"{existing},普通客户,010-2222,",
            $",普通客户,,"), "companies.csv");

        done["state"]!.GetValue<string>().ShouldBe("completed");
        (done.Int("created"), done.Int("updated"), done.Int("skipped"), done.Int("percent")).ShouldBe((1, 1, 1, 100));
        var lin_ = await UserAsync("xiaolin");
        var created = await CompanyNamedAsync(a);
        (created.OwnerId, created.CreatedById, created.IsCustomer, created.IsSupplier, created.Phone).ShouldBe((lin_, lin_, true, true, "021-1"));
        created.Code.ShouldStartWith("C");
        var updated = await CompanyNamedAsync(existing);
        (updated.Id, updated.Phone, updated.UpdatedById, updated.Version).ShouldBe((existingId, "010-2222", lin_, 2));
        var history = await app.WithDbAsync(db => db.ChangeLog.AsNoTracking().Where(e => e.EntityType == nameof(Company) && e.EntityId == existingId).ToListAsync());
        history.ShouldContain(e => e.Changes.Any(c => c.Field == nameof(Company.Phone) && c.To == "010-2222"));
    }

    [Fact]
    public async Task RejectFile_WithABadRow_WritesNothing_AndSaysSo()
    {
        var a = AdminTestHelpers.Unique("拒绝甲");
        using var lin = await app.ApiAsAsync("xiaolin");
        var before = await CountsAsync(app);

        var done = await ImportedAsync(lin, "companies", Utf8Csv("单位名称,客户等级", $"{a},重点客户", $"{a}2,不存在的等级"), "c.csv", "rejectFile");

        done["state"]!.GetValue<string>().ShouldBe("failed");
        done["errorMessage"]!.GetValue<string>().ShouldContain("1 行有错误");
        (done.Int("created"), done.Int("updated")).ShouldBe((0, 0));
        (await ExistsAsync(a)).ShouldBeFalse();
        (await CountsAsync(app)).ShouldBe(before with { Jobs = before.Jobs + 1 });
    }

    [Fact]
    public async Task RejectFile_WithoutBadRows_ImportsEverything()
    {
        var a = AdminTestHelpers.Unique("全部甲");
        using var lin = await app.ApiAsAsync("xiaolin");
        var done = await ImportedAsync(lin, "companies", Utf8Csv("单位名称", a, a + "2"), "c.csv", "rejectFile");
        (done["state"]!.GetValue<string>(), done.Int("created")).ShouldBe(("completed", 2));
    }

    [Fact]
    public async Task RejectedRows_Download_HasTheFilesColumnsAndAReasonColumn()
    {
        var a = AdminTestHelpers.Unique("原因甲");
        using var lin = await app.ApiAsAsync("xiaolin");
        var preview = await UploadedAsync(lin, "companies", Utf8Csv("单位名称,客户等级", $"{a},重点客户", $"{a}2,不存在的等级", ",重点客户"), "c.csv");

        using var response = await lin.GetAsync($"/api/v1/imports/{preview["id"]}/rejected-rows");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(2);
        rows[0].Keys.ShouldBe(["单位名称", "客户等级", "原因"]);
        (rows[0]["单位名称"], rows[0]["原因"]).ShouldBe(($"{a}2", (object)"客户等级：客户等级的取值“不存在的等级”不存在"));
        rows[1]["原因"]!.ToString()!.ShouldContain("单位名称不能为空");
    }

    [Fact]
    public async Task Mapping_SentWithTheUpload_ReplacesTheAutomaticOne()
    {
        var a = AdminTestHelpers.Unique("映射甲");
        using var lin = await app.ApiAsAsync("xiaolin");
        var done = await UploadedAsync(lin, "companies", Utf8Csv("公司,随便", $"{a},备注文字"), "c.csv", "[\"name\",\"notes\"]");
        (done.Int("toCreate"), done.Int("toSkip")).ShouldBe((1, 0));

        using var bad = await UploadAsync(lin, "companies", Utf8Csv("公司", a), "c.csv", "[\"nonsense\"]");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.FieldErrorsAsync("mapping")).ShouldBe(["没有名为 nonsense 的字段"]);
    }

    [Fact]
    public async Task Template_HasTheChineseHeadersAndAnExampleRow()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        using var response = await lin.GetAsync("/api/v1/imports/companies/template");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(1);
        rows[0].Keys.ShouldContain("单位名称");
        rows[0].Keys.ShouldContain("客户等级");
        rows[0]["单位名称"].ShouldBe("上海示例贸易有限公司");
    }

    [Fact]
    public async Task Undo_RemovesWhatWasCreated_AndRestoresWhatWasChanged()
    {
        var (existingId, existing) = await LinsCompanyAsync();
        var a = AdminTestHelpers.Unique("撤销甲");
        using var lin = await app.ApiAsAsync("xiaolin");
        var done = await ImportedAsync(lin, "companies", Utf8Csv("单位名称,电话,客户等级", $"{a},1,重点客户", $"{existing},2,重点客户"), "c.csv");
        var id = done["id"]!.GetValue<long>();
        done["canUndo"]!.GetValue<bool>().ShouldBeTrue();

        using var response = await lin.PostAsync($"/api/v1/imports/{id}/undo", null);
        var body = await response.ReadObjectAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());

        body["state"]!.GetValue<string>().ShouldBe("undone");
        (await ExistsAsync(a)).ShouldBeFalse();
        var restored = await CompanyNamedAsync(existing);
        (restored.Id, restored.Phone, restored.LevelId).ShouldBe((existingId, "010-1111", null));
        using var again = await lin.PostAsync($"/api/v1/imports/{id}/undo", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Undo_WhenAContactRecordNowPointsAtAnImportedCompany_IsRefusedAndChangesNothing()
    {
        var a = AdminTestHelpers.Unique("被引用甲");
        var (existingId, existing) = await LinsCompanyAsync();
        using var lin = await app.ApiAsAsync("xiaolin");
        var done = await ImportedAsync(lin, "companies", Utf8Csv("单位名称,电话", $"{a},", $"{existing},2"), "c.csv");
        var company = await CompanyNamedAsync(a);
        using (var record = await lin.PostAsJsonAsync("/api/v1/contact-records", new { companyId = company.Id, contactName = "王经理", contactedAt = DateTime.UtcNow.AddHours(-1), content = "电话回访" }))
            record.StatusCode.ShouldBe(HttpStatusCode.Created, await record.Content.ReadAsStringAsync());
        var before = await CountsAsync(app);

        using var response = await lin.PostAsync($"/api/v1/imports/{done["id"]}/undo", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldContain(a);
        (await CountsAsync(app)).ShouldBe(before);
        (await CompanyNamedAsync(existing)).Phone.ShouldBe("2");
        (await lin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/imports/{done["id"]}"))!["state"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task Lin_CannotMatchACompanyHeCannotSee_AndTheRowIsRefused()
    {
        using var admin = await app.ApiAsAsync("admin");
        var hidden = AdminTestHelpers.Unique("别人的客户");
        using (var created = await admin.PostAsJsonAsync("/api/v1/companies", new { name = hidden, phone = "9" }))
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var code = (await CompanyNamedAsync(hidden)).Code;
        using var lin = await app.ApiAsAsync("xiaolin");

        var preview = await UploadedAsync(lin, "companies", Utf8Csv("单位名称,电话", $"{hidden},1"), "c.csv");
        var byCode = await UploadedAsync(lin, "companies", Utf8Csv("客户编号,电话", $"{code},1"), "c.csv");

        (preview.Int("toUpdate"), preview.Int("toSkip")).ShouldBe((0, 1));
        Problems(preview).ShouldBe(["2|单位名称|单位名称已被你无权修改的客户使用"]);
        Problems(byCode).ShouldBe([$"2|客户编号|客户编号 {code} 不存在或无权访问"]);
        var done = await ImportedAsync(lin, "companies", Utf8Csv("单位名称,电话", $"{hidden},1"), "c.csv");
        (done.Int("updated"), done.Int("skipped")).ShouldBe((0, 1));
        (await CompanyNamedAsync(hidden)).Phone.ShouldBe("9");
    }

    [Fact]
    public async Task Lin_CannotNameAnOwnerHeMayNotAssign()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var preview = await UploadedAsync(lin, "companies", Utf8Csv("单位名称,负责人", $"{AdminTestHelpers.Unique("负责人甲")},小王"), "c.csv");
        Problems(preview).ShouldBe(["2|负责人|负责人的取值无效"]);
    }

    [Fact]
    public async Task AnotherUser_CannotSeeCommitOrUndoLinsImport_ButAnAdministratorCan()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var done = await ImportedAsync(lin, "companies", Utf8Csv("单位名称", AdminTestHelpers.Unique("私有甲")), "c.csv");
        var pending = await UploadedAsync(lin, "companies", Utf8Csv("单位名称", AdminTestHelpers.Unique("私有乙")), "c.csv");
        using var wang = await app.ApiAsAsync("xiaowang");

        (await wang.GetAsync($"/api/v1/imports/{done["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wang.PostAsync($"/api/v1/imports/{done["id"]}/undo", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wang.PostAsJsonAsync($"/api/v1/imports/{pending["id"]}/commit", new { mode = "skipBadRows" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wang.GetAsync($"/api/v1/imports/{done["id"]}/rejected-rows")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var wangs = await wang.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/imports");
        wangs!["items"]!.AsArray().ShouldNotContain(i => i!["id"]!.GetValue<long>() == done["id"]!.GetValue<long>());

        using var admin = await app.ApiAsAsync("admin");
        (await admin.GetAsync($"/api/v1/imports/{done["id"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        using var anonymous = app.Anonymous();
        (await UploadAsync(anonymous, "companies", Utf8Csv("单位名称", "x"), "c.csv")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/imports/1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/api/v1/imports/1/undo", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CommitMode_OtherThanTheTwo_IsAValidationProblemNamingMode()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var pending = await UploadedAsync(lin, "companies", Utf8Csv("单位名称", AdminTestHelpers.Unique("模式甲")), "c.csv");
        using var response = await lin.PostAsJsonAsync($"/api/v1/imports/{pending["id"]}/commit", new { mode = "all" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("mode")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task UnknownResource_Is404()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        (await UploadAsync(lin, "planets", Utf8Csv("name", "x"), "c.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class CompanyImportTestsOnSqlite(SqliteApp app) : CompanyImportTests(app), IClassFixture<SqliteApp>;

public sealed class CompanyImportTestsOnPostgres(PostgresApp app) : CompanyImportTests(app), IClassFixture<PostgresApp>;
