using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Expenses;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Expenses.ExpenseTestData;

namespace Kehu.IntegrationTests.Modules.Expenses;

/// <summary>费用报销单 and 费用借支单 over HTTP: 小林 applies, 赵经理 (销售部经理, his 上级) approves,
/// 钱经理 (财务部经理) approves and pays; offsets against open advances and repayments.</summary>
public abstract class ExpenseApiTests(KehuApp app)
{
    private const string Claims = "expense-claims";
    private const string Advances = "expense-advances";

    private Task<int> ClaimCountAsync() => app.WithDbAsync(db => db.Set<ExpenseClaim>().CountAsync());

    private Task<int> AdvanceCountAsync() => app.WithDbAsync(db => db.Set<ExpenseAdvance>().CountAsync());

    private Task<ExpenseAdvance> AdvanceAsync(long id) => app.WithDbAsync(db => db.Set<ExpenseAdvance>().AsNoTracking().SingleAsync(a => a.Id == id));

    private static async Task<decimal?> OpenTotalOfAsync(HttpClient api, string person)
    {
        var list = await (await api.GetAsync("/api/v1/expense-advances?open=true")).ReadObjectAsync();
        return list["openTotals"]!.AsArray().Where(t => t!["person"]!.GetValue<string>() == person).Select(t => (decimal?)t!["open"]!.GetValue<decimal>()).SingleOrDefault();
    }

    [Fact]
    public async Task Claim_SubmittedApprovedByTheSupervisorAndPaidByFinance_IsPaidWithItsTotalAndHistory()
    {
        var travel = await ExpenseTypeAsync(app);
        var meals = await ExpenseTypeAsync(app, "餐费");
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");

        var created = await CreateAsync(lin, Claims, new
        {
            notes = "上海出差",
            lines = new object[]
            {
                new { expenseTypeId = travel, amount = 560.5m, description = "高铁", receipts = 2 },
                new { expenseTypeId = meals, amount = 89.5m },
            },
        });
        var id = created["id"]!.GetValue<long>();
        created["number"]!.GetValue<string>().ShouldStartWith("BX-");
        created["state"]!.GetValue<string>().ShouldBe("draft");
        created["claimant"]!.GetValue<string>().ShouldBe("小林");
        created["department"]!.GetValue<string>().ShouldBe("销售部");
        created["total"]!.GetValue<decimal>().ShouldBe(650m);
        created["payableAmount"]!.GetValue<decimal>().ShouldBe(650m);
        created["lines"]!.AsArray().Select(x => (x!["expenseType"]!.GetValue<string>(), x["receipts"]!.GetValue<int>())).ShouldBe([("差旅费", 2), ("餐费", 0)]);

        var approval = await SubmitAsync(lin, Claims, id);
        (await ReadAsync(lin, Claims, id))["state"]!.GetValue<string>().ShouldBe("supervisorReview");
        var zhaosTasks = await (await zhao.GetAsync("/api/v1/tasks")).ReadObjectAsync();
        zhaosTasks["items"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldContain(approval);
        await CompleteOkAsync(zhao, approval, new { action = "approve", opinion = "同意报销" });

        var afterApproval = await ReadAsync(qian, Claims, id);
        afterApproval["state"]!.GetValue<string>().ShouldBe("financeReview");
        afterApproval["step"]!.GetValue<string>().ShouldBe("finance");
        var payment = (await PendingTaskAsync(app, ExpenseClaim.DocumentType, id))!.Value;
        using (var wrong = await CompleteAsync(qian, payment, new { action = "pay", fields = new { paymentAmount = 600m, paymentMethod = "bank" } }))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await wrong.FieldErrorsAsync("paymentAmount")).ShouldBe(["付款金额必须等于实付金额 650.00"]);
        }
        await CompleteOkAsync(qian, payment, new { action = "pay", fields = new { paymentAmount = 650m, paymentMethod = "bank" } });

        var paid = await ReadAsync(lin, Claims, id);
        paid["state"]!.GetValue<string>().ShouldBe("paid");
        paid["step"].ShouldBeNull();
        paid["paymentAmount"]!.GetValue<decimal>().ShouldBe(650m);
        paid["paymentMethod"]!.GetValue<string>().ShouldBe("bank");
        paid["payer"]!.GetValue<string>().ShouldBe("钱经理");
        (await PendingTaskAsync(app, ExpenseClaim.DocumentType, id)).ShouldBeNull();
        var history = await (await lin.GetAsync($"/api/v1/expense-claims/{id}/history")).ReadObjectAsync();
        history["workflow"]!.AsArray().Select(h => (h!["step"]!.GetValue<string>(), h["action"]!.GetValue<string>()))
            .ShouldBe([("draft", "submit"), ("supervisor", "approve"), ("finance", "pay")]);
    }

    [Fact]
    public async Task Advance_PaidThenPartlyOffsetByAClaimThenRepaid_IsSettled_AndOpenTotalsFollowEachStep()
    {
        var travel = await ExpenseTypeAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var before = await OpenTotalOfAsync(qian, "小林") ?? 0m;

        var advanceId = await PaidAdvanceAsync(app, 1000m);
        var advance = await ReadAsync(lin, Advances, advanceId);
        advance["number"]!.GetValue<string>().ShouldStartWith("JZ-");
        advance["state"]!.GetValue<string>().ShouldBe("paid");
        advance["open"]!.GetValue<decimal>().ShouldBe(1000m);
        (await OpenTotalOfAsync(qian, "小林")).ShouldBe(before + 1000m);
        (await OpenTotalOfAsync(lin, "小林")).ShouldBe(before + 1000m);

        var claim = await CreateAsync(lin, Claims, new
        {
            lines = new object[] { new { expenseTypeId = travel, amount = 800m } },
            advanceId, offsetAmount = 600m,
        });
        var claimId = claim["id"]!.GetValue<long>();
        claim["payableAmount"]!.GetValue<decimal>().ShouldBe(200m);
        claim["advanceNumber"]!.GetValue<string>().ShouldBe(advance["number"]!.GetValue<string>());
        await CompleteOkAsync(zhao, await SubmitAsync(lin, Claims, claimId), new { action = "approve" });
        (await AdvanceAsync(advanceId)).Open.ShouldBe(1000m); // the offset counts once the claim is paid
        await CompleteOkAsync(qian, (await PendingTaskAsync(app, ExpenseClaim.DocumentType, claimId))!.Value,
            new { action = "pay", fields = new { paymentAmount = 200m, paymentMethod = "cash" } });

        var offset = await ReadAsync(lin, Advances, advanceId);
        offset["offset"]!.GetValue<decimal>().ShouldBe(600m);
        offset["open"]!.GetValue<decimal>().ShouldBe(400m);
        offset["settled"]!.GetValue<bool>().ShouldBeFalse();
        offset["settlements"]!.AsArray().Select(s => (s!["kind"]!.GetValue<string>(), s["amount"]!.GetValue<decimal>(), s["claimId"]!.GetValue<long>()))
            .ShouldBe([("offset", 600m, claimId)]);
        (await OpenTotalOfAsync(qian, "小林")).ShouldBe(before + 400m);

        using (var tooMuch = await qian.PostAsJsonAsync($"/api/v1/expense-advances/{advanceId}/repayments", new { amount = 400.01m }))
        {
            tooMuch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await tooMuch.FieldErrorsAsync("amount")).ShouldBe(["还款金额不能超过未结金额 400.00"]);
        }
        using (var notFinance = await lin.PostAsJsonAsync($"/api/v1/expense-advances/{advanceId}/repayments", new { amount = 400m }))
            notFinance.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await AdvanceAsync(advanceId)).Open.ShouldBe(400m);

        using (var repaid = await qian.PostAsJsonAsync($"/api/v1/expense-advances/{advanceId}/repayments", new { amount = 400m, note = "现金还款" }))
            repaid.StatusCode.ShouldBe(HttpStatusCode.OK, await repaid.Content.ReadAsStringAsync());
        var settled = await ReadAsync(lin, Advances, advanceId);
        settled["open"]!.GetValue<decimal>().ShouldBe(0m);
        settled["repaid"]!.GetValue<decimal>().ShouldBe(400m);
        settled["settled"]!.GetValue<bool>().ShouldBeTrue();
        settled["settlements"]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ShouldBe(["offset", "repayment"]);
        (await OpenTotalOfAsync(qian, "小林") ?? 0m).ShouldBe(before);
        var open = await (await qian.GetAsync("/api/v1/expense-advances?open=true&limit=200")).ReadObjectAsync();
        open["items"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()).ShouldNotContain(advanceId);
        var history = await (await lin.GetAsync($"/api/v1/expense-advances/{advanceId}/history")).ReadObjectAsync();
        history["changes"]!.AsArray().SelectMany(h => h!["changes"]!.AsArray()).Select(c => c!["field"]!.GetValue<string>()).ShouldContain("Repaid");
    }

    [Fact]
    public async Task SaveClaim_OffsettingMoreThanTheAdvanceHasOpen_IsRefusedNamingTheFieldAndChangesNothing()
    {
        var travel = await ExpenseTypeAsync(app);
        var advanceId = await PaidAdvanceAsync(app, 300m);
        using var lin = await app.ApiAsAsync("xiaolin");
        var count = await ClaimCountAsync();

        using var refused = await lin.PostAsJsonAsync("/api/v1/expense-claims", new
        {
            lines = new object[] { new { expenseTypeId = travel, amount = 500m } },
            advanceId, offsetAmount = 300.01m,
        });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.FieldErrorsAsync("offsetAmount")).ShouldBe(["冲抵金额不能超过该借支的未结金额 300.00"]);
        (await ClaimCountAsync()).ShouldBe(count);
        (await AdvanceAsync(advanceId)).Open.ShouldBe(300m);
    }

    [Fact]
    public async Task PayClaim_WhenAnotherClaimOffsetTheSameAdvanceMeanwhile_IsRefusedNamingTheFieldAndChangesNothing()
    {
        var travel = await ExpenseTypeAsync(app);
        var advanceId = await PaidAdvanceAsync(app, 1000m);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var ids = new List<long>();
        foreach (var _ in new[] { 1, 2 })
        {
            var id = (await CreateAsync(lin, Claims, new { lines = new object[] { new { expenseTypeId = travel, amount = 700m } }, advanceId, offsetAmount = 600m }))["id"]!.GetValue<long>();
            await CompleteOkAsync(zhao, await SubmitAsync(lin, Claims, id), new { action = "approve" });
            ids.Add(id);
        }
        await CompleteOkAsync(qian, (await PendingTaskAsync(app, ExpenseClaim.DocumentType, ids[0]))!.Value, new { action = "pay", fields = new { paymentAmount = 100m, paymentMethod = "cash" } });
        var second = (await PendingTaskAsync(app, ExpenseClaim.DocumentType, ids[1]))!.Value;

        using var refused = await CompleteAsync(qian, second, new { action = "pay", fields = new { paymentAmount = 100m, paymentMethod = "cash" } });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.FieldErrorsAsync("offsetAmount")).ShouldBe(["冲抵金额不能超过该借支的未结金额 400.00"]);
        (await ReadAsync(qian, Claims, ids[1]))["state"]!.GetValue<string>().ShouldBe("financeReview");
        (await PendingTaskAsync(app, ExpenseClaim.DocumentType, ids[1])).ShouldBe(second);
        var advance = await AdvanceAsync(advanceId);
        (advance.Open, advance.Offset).ShouldBe((400m, 600m));
        (await app.WithDbAsync(db => db.Set<AdvanceSettlement>().CountAsync(s => s.AdvanceId == advanceId))).ShouldBe(1);
    }

    [Fact]
    public async Task SaveAdvance_OfZeroOrWithoutReason_IsRefusedNamingTheFieldAndChangesNothing()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var count = await AdvanceCountAsync();

        using var zero = await lin.PostAsJsonAsync("/api/v1/expense-advances", new { amount = 0m, reason = "备用金" });
        zero.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await zero.FieldErrorsAsync("amount")).ShouldBe(["借款金额必须大于 0"]);

        using var noReason = await lin.PostAsJsonAsync("/api/v1/expense-advances", new { amount = 500m, reason = "  " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.FieldErrorsAsync("reason")).ShouldBe(["借款事由不能为空"]);

        using var early = await lin.PostAsJsonAsync("/api/v1/expense-advances", new { amount = 500m, reason = "备用金", advanceDate = "2026-11-20", expectedRepaymentDate = "2026-11-19" });
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.FieldErrorsAsync("expectedRepaymentDate")).ShouldBe(["预计还款日期不能早于开单日期"]);
        (await AdvanceCountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task SaveClaim_WithALineAmountOfZeroOrBelow_IsRefusedNamingTheLineAndChangesNothing()
    {
        var travel = await ExpenseTypeAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        var count = await ClaimCountAsync();

        using var refused = await lin.PostAsJsonAsync("/api/v1/expense-claims", new
        {
            lines = new object[] { new { expenseTypeId = travel, amount = 10m }, new { expenseTypeId = travel, amount = 0m }, new { expenseTypeId = travel, amount = -5m, receipts = -1 } },
        });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.FieldErrorsAsync("lines[1].amount")).ShouldBe(["金额必须大于 0"]);
        (await refused.FieldErrorsAsync("lines[2].amount")).ShouldBe(["金额必须大于 0"]);
        (await refused.FieldErrorsAsync("lines[2].receipts")).ShouldBe(["票据张数不能小于 0"]);
        using var empty = await lin.PostAsJsonAsync("/api/v1/expense-claims", new { lines = Array.Empty<object>() });
        (await empty.FieldErrorsAsync("lines")).ShouldBe(["请至少录入一行费用"]);
        (await ClaimCountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task Approve_ByAUserWhoIsNotTheSupervisor_IsForbiddenAndChangesNothing()
    {
        var travel = await ExpenseTypeAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var cai = await app.ApiAsAsync("caijingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var id = (await CreateAsync(lin, Claims, new { lines = new object[] { new { expenseTypeId = travel, amount = 50m } } }))["id"]!.GetValue<long>();
        var approval = await SubmitAsync(lin, Claims, id);

        foreach (var other in new[] { cai, qian, lin })
        {
            using var refused = await CompleteAsync(other, approval, new { action = "approve" });
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await ReadAsync(lin, Claims, id))["state"]!.GetValue<string>().ShouldBe("supervisorReview");
        (await PendingTaskAsync(app, ExpenseClaim.DocumentType, id)).ShouldBe(approval);
        (await app.WithDbAsync(db => db.WorkflowHistory.CountAsync(h => h.DocumentType == ExpenseClaim.DocumentType && h.DocumentId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task ADepartmentManagersOwnClaim_HasNoSupervisor_SoItGoesStraightToFinance()
    {
        var travel = await ExpenseTypeAsync(app);
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var id = (await CreateAsync(zhao, Claims, new { lines = new object[] { new { expenseTypeId = travel, amount = 120m } } }))["id"]!.GetValue<long>();

        var task = await SubmitAsync(zhao, Claims, id);

        var claim = await ReadAsync(zhao, Claims, id);
        claim["state"]!.GetValue<string>().ShouldBe("financeReview");
        claim["step"]!.GetValue<string>().ShouldBe("finance");
        using var qian = await app.ApiAsAsync("qianjingli");
        await CompleteOkAsync(qian, task, new { action = "pay", fields = new { paymentAmount = 120m, paymentMethod = "bank" } });
        (await ReadAsync(zhao, Claims, id))["state"]!.GetValue<string>().ShouldBe("paid");
    }

    [Fact]
    public async Task Visibility_AnotherEmployeeGets404_FinanceSeesEveryOpenAdvance_AnEmployeeOnlyTheirOwn()
    {
        var travel = await ExpenseTypeAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var wang = await app.ApiAsAsync("xiaowang");
        using var qian = await app.ApiAsAsync("qianjingli");
        var claimId = (await CreateAsync(lin, Claims, new { lines = new object[] { new { expenseTypeId = travel, amount = 10m } } }))["id"]!.GetValue<long>();
        var advanceId = await PaidAdvanceAsync(app, 250m);

        (await wang.GetAsync($"/api/v1/expense-claims/{claimId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wang.GetAsync($"/api/v1/expense-claims/{claimId}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wang.GetAsync($"/api/v1/expense-advances/{advanceId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wang.PostAsync($"/api/v1/expense-claims/{claimId}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wang.DeleteAsync($"/api/v1/expense-claims/{claimId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var wangsClaims = await (await wang.GetAsync("/api/v1/expense-claims?limit=200")).ReadObjectAsync();
        wangsClaims["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldNotContain(claimId);

        var financeOpen = await (await qian.GetAsync("/api/v1/expense-advances?open=true&limit=200")).ReadObjectAsync();
        financeOpen["items"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()).ShouldContain(advanceId);
        financeOpen["openTotals"]!.AsArray().Select(t => t!["person"]!.GetValue<string>()).ShouldContain("小林");
        var wangsOpen = await (await wang.GetAsync("/api/v1/expense-advances?open=true&limit=200")).ReadObjectAsync();
        var wangId = await app.UserIdAsync("xiaowang");
        wangsOpen["items"]!.AsArray().ShouldAllBe(a => a!["borrowerId"]!.GetValue<long>() == wangId);
        wangsOpen["openTotals"]!.AsArray().ShouldAllBe(t => t!["personId"]!.GetValue<long>() == wangId);
        var linsOpen = await (await lin.GetAsync("/api/v1/expense-advances?open=true&limit=200")).ReadObjectAsync();
        linsOpen["items"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()).ShouldContain(advanceId);
    }

    [Fact]
    public async Task DemoData_HasClaimsAndAdvancesInEveryState_OnePartlyOffsetAndOnePartlyRepaid()
    {
        string[] demo = ["上海出差报销", "客户现场维修", "客户招待", "办公用品", "手机话费", "本周交通费（草稿）"];
        var claims = await app.WithDbAsync(db => db.Set<ExpenseClaim>().AsNoTracking().Where(c => demo.Contains(c.Notes!)).ToListAsync());
        claims.Count.ShouldBe(demo.Length);
        claims.Select(c => c.State).Distinct().OrderBy(s => s).ShouldBe(
            [ExpenseState.Draft, ExpenseState.Returned, ExpenseState.SupervisorReview, ExpenseState.FinanceReview, ExpenseState.Paid, ExpenseState.Rejected], ignoreOrder: true);
        var offsetClaim = claims.Single(c => c.Notes == "上海出差报销");
        (offsetClaim.Total, offsetClaim.OffsetAmount, offsetClaim.PaymentAmount).ShouldBe((2150m, 1800m, 350m));
        var lin = await app.UserIdAsync("xiaolin");
        var wang = await app.UserIdAsync("xiaowang");
        var advances = await app.WithDbAsync(db => db.Set<ExpenseAdvance>().AsNoTracking().Where(a => a.Reason == "上海客户拜访差旅借款" || a.Reason == "供应商考察备用金").ToListAsync());
        var partlyOffset = advances.Single(a => a.PersonId == lin && a.Reason == "上海客户拜访差旅借款");
        (partlyOffset.Offset, partlyOffset.Repaid, partlyOffset.Open, partlyOffset.IsOpen).ShouldBe((1800m, 0m, 1200m, true));
        var partlyRepaid = advances.Single(a => a.PersonId == wang);
        (partlyRepaid.Offset, partlyRepaid.Repaid, partlyRepaid.Open).ShouldBe((0m, 500m, 1500m));
        var zhaosOwn = await app.WithDbAsync(db => db.Set<ExpenseClaim>().AsNoTracking().SingleAsync(c => c.Notes == "客户招待"));
        zhaosOwn.State.ShouldBe(ExpenseState.FinanceReview);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_IsRefusedWith409AndChangesNothing()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var created = await CreateAsync(lin, Advances, new { amount = 100m, reason = "备用金" });
        var id = created["id"]!.GetValue<long>();
        var version = created["version"]!.GetValue<int>();
        using (var first = await lin.PutAsJsonAsync($"/api/v1/expense-advances/{id}", new { amount = 150m, reason = "备用金", version }))
            first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());

        using var stale = await lin.PutAsJsonAsync($"/api/v1/expense-advances/{id}", new { amount = 999m, reason = "备用金", version });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await AdvanceAsync(id)).Amount.ShouldBe(150m);
    }
}

public sealed class ExpenseApiTestsOnSqlite(SqliteApp app) : ExpenseApiTests(app), IClassFixture<SqliteApp>;

public sealed class ExpenseApiTestsOnPostgres(PostgresApp app) : ExpenseApiTests(app), IClassFixture<PostgresApp>;
