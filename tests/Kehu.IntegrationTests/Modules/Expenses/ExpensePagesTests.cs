using System.Net;
using System.Text.RegularExpressions;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Expenses;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Expenses.ExpenseTestData;

namespace Kehu.IntegrationTests.Modules.Expenses;

/// <summary>The expense pages as a browser posts them (anti-forgery token included).</summary>
public abstract class ExpensePagesTests(KehuApp app)
{
    private Task<int> ClaimsOfAsync(long userId) => app.WithDbAsync(db => db.Set<ExpenseClaim>().CountAsync(c => c.ApplicantId == userId));

    private static long IdOf(HttpResponseMessage response, string path) =>
        long.Parse(Regex.Match(response.Headers.Location!.ToString(), $@"{path}/(\d+)$").Groups[1].Value);

    [Fact]
    public async Task ClaimForm_SavesTheLinesWithTheirTotal_AndSubmitSendsItToTheSupervisor()
    {
        var travel = await ExpenseTypeAsync(app);
        var meals = await ExpenseTypeAsync(app, "餐费");
        using var lin = await app.BrowserAsAsync("xiaolin");

        using var response = await lin.SubmitFormAsync("/expenses/claims/new", new Dictionary<string, string>
        {
            ["Input.Lines[0].ExpenseTypeId"] = travel.ToString(), ["Input.Lines[0].Amount"] = "120.5", ["Input.Lines[0].Description"] = "出租车", ["Input.Lines[0].Receipts"] = "3",
            ["Input.Lines[2].ExpenseTypeId"] = meals.ToString(), ["Input.Lines[2].Amount"] = "30",
            ["submit"] = "true",
        }, "#claim-form");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PageClient.ParseAsync(response)).QuerySelector(".field-validation-error:not(:empty)")?.TextContent);
        var id = IdOf(response, "/expenses/claims");
        var saved = await app.WithDbAsync(db => db.Set<ExpenseClaim>().AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == id));
        saved.State.ShouldBe(ExpenseState.SupervisorReview);
        saved.PersonId.ShouldBe(await app.UserIdAsync("xiaolin"));
        saved.Lines.OrderBy(x => x.LineNo).Select(x => (x.ExpenseTypeId, x.Amount, x.Description, x.Receipts)).ShouldBe([(travel, 120.5m, "出租车", 3), (meals, 30m, null, 0)]);
        var detail = await lin.GetDocumentAsync($"/expenses/claims/{id}");
        detail.QuerySelector("#claim-state")!.TextContent.ShouldBe("待上级审批");
        detail.QuerySelector("#claim-total")!.TextContent.ShouldBe("150.50");
        detail.QuerySelector("#pending-with")!.TextContent.ShouldContain("赵经理");
    }

    [Fact]
    public async Task ClaimForm_WithBadValues_ShowsEachFieldsErrorInChinese_AndSavesNothing()
    {
        var travel = await ExpenseTypeAsync(app);
        using var lin = await app.BrowserAsAsync("xiaolin");
        var linId = await app.UserIdAsync("xiaolin");
        var before = await ClaimsOfAsync(linId);

        using var notPositive = await lin.SubmitFormAsync("/expenses/claims/new", new Dictionary<string, string>
        {
            ["Input.Lines[0].ExpenseTypeId"] = travel.ToString(), ["Input.Lines[0].Amount"] = "0",
            ["Input.Lines[1].Amount"] = "15",
        }, "#claim-form");
        notPositive.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PageClient.ParseAsync(notPositive);
        page.QuerySelector("#line-0-amount")!.ParentElement!.QuerySelector(".field-validation-error")!.TextContent.ShouldBe("金额必须大于 0");
        page.QuerySelector("#line-1-type")!.ParentElement!.QuerySelector(".field-validation-error")!.TextContent.ShouldBe("费用类型不能为空");

        using var notANumber = await lin.SubmitFormAsync("/expenses/claims/new", new Dictionary<string, string>
        {
            ["Input.Lines[0].ExpenseTypeId"] = travel.ToString(), ["Input.Lines[0].Amount"] = "十元",
        }, "#claim-form");
        var typed = await PageClient.ParseAsync(notANumber);
        typed.QuerySelector("#line-0-amount")!.GetAttribute("value").ShouldBe("十元");
        typed.QuerySelector("#line-0-amount")!.ParentElement!.QuerySelector(".field-validation-error")!.TextContent.ShouldBe("金额必须是数字");

        using var noLines = await lin.SubmitFormAsync("/expenses/claims/new", new Dictionary<string, string>(), "#claim-form");
        (await PageClient.ParseAsync(noLines)).QuerySelector("#claim-lines")!.Closest("section")!.QuerySelector(".field-validation-error")!.TextContent.ShouldBe("请至少录入一行费用");
        (await ClaimsOfAsync(linId)).ShouldBe(before);
    }

    [Fact]
    public async Task ClaimForm_PostedWithoutTheAntiForgeryToken_IsRefusedAndSavesNothing()
    {
        var travel = await ExpenseTypeAsync(app);
        using var lin = await app.BrowserAsAsync("xiaolin");
        var linId = await app.UserIdAsync("xiaolin");
        var before = await ClaimsOfAsync(linId);

        using var response = await lin.Http.PostAsync("/expenses/claims/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Lines.Index"] = "0", ["Input.Lines[0].ExpenseTypeId"] = travel.ToString(), ["Input.Lines[0].Amount"] = "10",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ClaimsOfAsync(linId)).ShouldBe(before);
    }

    [Fact]
    public async Task Pages_AnotherEmployeeGets404_AndFinanceRecordsARepaymentThatSettlesTheAdvance()
    {
        var advanceId = await PaidAdvanceAsync(app, 80m);
        using var wang = await app.BrowserAsAsync("xiaowang");
        (await wang.Http.GetAsync($"/expenses/advances/{advanceId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var lin = await app.BrowserAsAsync("xiaolin");
        var workbench = await lin.GetDocumentAsync("/");
        workbench.QuerySelector("#open-advances")!.TextContent.ShouldContain("80.00");
        (await lin.GetDocumentAsync($"/expenses/advances/{advanceId}")).QuerySelector("#repayment-form").ShouldBeNull();

        using var qian = await app.BrowserAsAsync("qianjingli");
        using var tooMuch = await qian.SubmitFormAsync($"/expenses/advances/{advanceId}", new Dictionary<string, string> { ["Repayment.Amount"] = "90" }, "#repayment-form", "Repay");
        (await PageClient.ParseAsync(tooMuch)).QuerySelector("#Repayment_Amount")!.ParentElement!.QuerySelector(".field-validation-error")!.TextContent.ShouldBe("还款金额不能超过未结金额 80.00");
        using var repaid = await qian.SubmitFormAsync($"/expenses/advances/{advanceId}", new Dictionary<string, string> { ["Repayment.Note"] = "全部归还" }, "#repayment-form", "Repay");

        repaid.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await qian.GetDocumentAsync($"/expenses/advances/{advanceId}");
        page.QuerySelector("#advance-state")!.TextContent.ShouldBe("已结清");
        page.QuerySelector("#advance-open")!.TextContent.ShouldBe("0.00");
        page.QuerySelector("#advance-settlements")!.TextContent.ShouldContain("全部归还");
    }
}

public sealed class ExpensePagesTestsOnSqlite(SqliteApp app) : ExpensePagesTests(app), IClassFixture<SqliteApp>;

public sealed class ExpensePagesTestsOnPostgres(PostgresApp app) : ExpensePagesTests(app), IClassFixture<PostgresApp>;
