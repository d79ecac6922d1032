using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.IntegrationTests.Modules.Documents;
using Kehu.Web.Modules.Contracts;
using Kehu.Web.Modules.Workflow;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Contracts.ContractTestData;
using static Kehu.IntegrationTests.Modules.Sales.SalesOrderTestData;

namespace Kehu.IntegrationTests.Modules.Contracts;

/// <summary>合同 over HTTP: 小林 (销售员) fills and submits; his 上级 赵经理 (销售部经理) agrees, or does not and
/// the contract goes back to 小林 to edit and submit again.</summary>
public abstract class ContractApiTests(KehuApp app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<long> SalesOrderForAsync(HttpClient lin, long customer)
    {
        var product = await StockedProductAsync(app, onHand: 0);
        return (await CreateOrderAsync(lin, new { customerId = customer, lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();
    }

    [Fact]
    public async Task Flow_SupervisorDisagrees_AuthorEditsAndResubmits_ThenSupervisorAgrees_AndTheHistoryShowsEveryStep()
    {
        var customer = await CustomerAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var order = await SalesOrderForAsync(lin, customer);
        var title = Unique("年度供货合同");

        var created = await CreateContractAsync(lin, new
        {
            title, companyId = customer, signedOn = Today, startsOn = Today, endsOn = Today.AddYears(1), amount = 120000m,
            ourSignatory = "小林", theirSignatory = "王总", terms = "按月供货，货到付款。", salesOrderIds = new[] { order },
        });
        var id = created["id"]!.GetValue<long>();
        created["number"]!.GetValue<string>().ShouldStartWith("HT-");
        created["state"]!.GetValue<string>().ShouldBe("draft");
        created["kind"]!.GetValue<string>().ShouldBe("sales");
        created["owner"]!.GetValue<string>().ShouldBe("小林");
        created["salesOrderIds"]!.AsArray().Select(x => x!.GetValue<long>()).ShouldBe([order]);

        var approval = await SubmitContractAsync(lin, id);
        var task = await PendingContractTaskAsync(app, id);
        task!.Id.ShouldBe(approval);
        task.AssigneeId.ShouldBe(await app.UserIdAsync("zhaojingli"));
        (await ReadContractAsync(lin, id))["state"]!.GetValue<string>().ShouldBe("review");
        using (var stillLocked = await lin.PutAsJsonAsync($"/api/v1/contracts/{id}", new { title, companyId = customer, version = created["version"]!.GetValue<int>() }))
            stillLocked.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using (var noOpinion = await zhao.PostAsJsonAsync($"/api/v1/tasks/{approval}/complete", new { action = "return" }))
            noOpinion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var disagreed = await zhao.PostAsJsonAsync($"/api/v1/tasks/{approval}/complete", new { action = "return", opinion = "金额偏高，请重新核算" }))
            disagreed.StatusCode.ShouldBe(HttpStatusCode.OK, await disagreed.Content.ReadAsStringAsync());
        var returned = await ReadContractAsync(lin, id);
        returned["state"]!.GetValue<string>().ShouldBe("returned");
        returned["approvalOpinion"]!.GetValue<string>().ShouldBe("金额偏高，请重新核算");
        (await PendingContractTaskAsync(app, id))!.AssigneeId.ShouldBe(await app.UserIdAsync("xiaolin"));

        using (var edited = await lin.PutAsJsonAsync($"/api/v1/contracts/{id}", new
        {
            title, companyId = customer, signedOn = Today, startsOn = Today, endsOn = Today.AddYears(1), amount = 98000m,
            ourSignatory = "小林", theirSignatory = "王总", terms = "按月供货，货到付款。", salesOrderIds = new[] { order },
            version = returned["version"]!.GetValue<int>(),
        }))
            edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var again = await SubmitContractAsync(lin, id);
        using (var agreed = await zhao.PostAsJsonAsync($"/api/v1/tasks/{again}/complete", new { action = "approve", fields = new { approvalOpinion = "同意" } }))
            agreed.StatusCode.ShouldBe(HttpStatusCode.OK, await agreed.Content.ReadAsStringAsync());

        var approved = await StoredAsync(app, id);
        approved.State.ShouldBe(ContractState.Approved);
        approved.Amount.ShouldBe(98000m);
        approved.ApproverId.ShouldBe(await app.UserIdAsync("zhaojingli"));
        approved.ApprovalOpinion.ShouldBe("同意");
        approved.Orders.Select(o => (o.OrderType, o.OrderId)).ShouldBe([("sales-order", order)]);
        (await PendingContractTaskAsync(app, id)).ShouldBeNull();
        var history = await (await lin.GetAsync($"/api/v1/contracts/{id}/history")).ReadObjectAsync();
        history["workflow"]!.AsArray().Select(h => h!["action"]?.GetValue<string>()).ShouldBe(["submit", "return", "submit", "approve"]);
        history["changes"]!.AsArray().ShouldContain(c => c!["changes"]!.AsArray().Any(f => f!["field"]!.GetValue<string>() == nameof(Contract.Amount)
            && f["from"]!.GetValue<string>().StartsWith("120000") && f["to"]!.GetValue<string>().StartsWith("98000")));
    }

    [Fact]
    public async Task Approve_ByAUserWhoIsNotTheSupervisor_IsForbiddenAndChangesNothing()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var id = (await CreateContractAsync(lin, new { title = Unique("合同"), companyId = await CustomerAsync(app) }))["id"]!.GetValue<long>();
        var approval = await SubmitContractAsync(lin, id);
        var before = await StoredAsync(app, id);

        foreach (var stranger in new[] { "caijingli", "qianjingli", "xiaolin" })
        {
            using var api = await app.ApiAsAsync(stranger);
            using var refused = await api.PostAsJsonAsync($"/api/v1/tasks/{approval}/complete", new { action = "approve" });
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, stranger);
        }

        var after = await StoredAsync(app, id);
        after.State.ShouldBe(ContractState.Review);
        after.Version.ShouldBe(before.Version);
        after.ApproverId.ShouldBeNull();
        (await PendingContractTaskAsync(app, id))!.Id.ShouldBe(approval);
    }

    [Fact]
    public async Task Save_WithTheEndDateBeforeTheStartDate_IsRefusedNamingTheField_OnCreateAndOnEdit_AndChangesNothing()
    {
        var customer = await CustomerAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        var contracts = await CountAsync(app);

        using (var refused = await lin.PostAsJsonAsync("/api/v1/contracts", new { title = Unique("合同"), companyId = customer, startsOn = Today, endsOn = Today.AddDays(-1) }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.FieldErrorsAsync("endsOn")).ShouldBe(["结束日期不能早于开始日期"]);
        }
        (await CountAsync(app)).ShouldBe(contracts);

        var created = await CreateContractAsync(lin, new { title = Unique("合同"), companyId = customer, startsOn = Today, endsOn = Today });
        var id = created["id"]!.GetValue<long>();
        using (var refused = await lin.PutAsJsonAsync($"/api/v1/contracts/{id}", new { title = "改名", companyId = customer, startsOn = Today, endsOn = Today.AddDays(-30), version = created["version"]!.GetValue<int>() }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.FieldErrorsAsync("endsOn")).ShouldBe(["结束日期不能早于开始日期"]);
        }
        var stored = await StoredAsync(app, id);
        stored.Title.ShouldBe(created["title"]!.GetValue<string>());
        stored.EndsOn.ShouldBe(Today);
        stored.Version.ShouldBe(created["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_WithoutTitleOrCompany_OrWithANegativeAmount_IsRefusedNamingEachFieldInChinese_AndSavesNothing()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var contracts = await CountAsync(app);

        using var refused = await lin.PostAsJsonAsync("/api/v1/contracts", new { title = " ", amount = -1m, kind = "lease" });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.FieldErrorsAsync("title")).ShouldBe(["合同名称不能为空"]);
        (await refused.FieldErrorsAsync("companyId")).ShouldBe(["客户不能为空"]);
        (await refused.FieldErrorsAsync("amount")).ShouldBe(["合同金额不能为负数"]);
        (await refused.FieldErrorsAsync("kind")).ShouldBe(["合同类型的取值无效"]);
        (await CountAsync(app)).ShouldBe(contracts);
    }

    [Fact]
    public async Task RelatedOrders_OfAnotherCompanyOrOfTheWrongKind_AreRefusedNamingTheField()
    {
        var customer = await CustomerAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        var xiaolin = await app.UserIdAsync("xiaolin");
        var other = await app.WithDbAsync(db => db.Companies.Where(c => c.IsCustomer && c.OwnerId == xiaolin && c.Id != customer).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var othersOrder = await SalesOrderForAsync(lin, other);
        var contracts = await CountAsync(app);

        using (var wrongCompany = await lin.PostAsJsonAsync("/api/v1/contracts", new { title = Unique("合同"), companyId = customer, salesOrderIds = new[] { othersOrder } }))
        {
            wrongCompany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await wrongCompany.FieldErrorsAsync("salesOrderIds")).Single().ShouldContain("相关销售单");
        }
        using (var wrongKind = await lin.PostAsJsonAsync("/api/v1/contracts", new { title = Unique("合同"), kind = "purchase", companyId = other, salesOrderIds = new[] { othersOrder } }))
        {
            wrongKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await wrongKind.FieldErrorsAsync("salesOrderIds")).ShouldBe(["采购合同不能关联销售单"]);
        }
        (await CountAsync(app)).ShouldBe(contracts);
    }

    [Fact]
    public async Task AnotherSalesperson_Gets404ForTheContract_AndDoesNotSeeItListed_WhileTheSupervisorDoes()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var title = Unique("保密合同");
        var id = (await CreateContractAsync(lin, new { title, companyId = await CustomerAsync(app) }))["id"]!.GetValue<long>();
        using var admin = await app.ApiAsAsync("admin");
        var login = AdminTestHelpers.Unique("sales");
        await admin.CreateUserAsync(login, "Another-Pass-123", "sales");
        using var other = await app.ApiWithPasswordAsync(login, "Another-Pass-123");
        using var zhao = await app.ApiAsAsync("zhaojingli");

        (await other.GetAsync($"/api/v1/contracts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/contracts/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await other.GetAsync($"/api/v1/contracts?q={Uri.EscapeDataString(title)}")).ReadObjectAsync())["items"]!.AsArray().ShouldBeEmpty();
        using (var delete = await other.DeleteAsync($"/api/v1/contracts/{id}"))
            delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await zhao.GetAsync($"/api/v1/contracts?q={Uri.EscapeDataString(title)}")).ReadObjectAsync())["items"]!.AsArray()
            .Select(c => c!["id"]!.GetValue<long>()).ShouldBe([id]);
        (await StoredAsync(app, id)).Title.ShouldBe(title);
    }

    [Fact]
    public async Task Delete_ADraft_RemovesIt_ButASubmittedContractIsKept()
    {
        var customer = await CustomerAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        var draft = await CreateContractAsync(lin, new { title = Unique("草稿合同"), companyId = customer });
        var submitted = (await CreateContractAsync(lin, new { title = Unique("已提交合同"), companyId = customer }))["id"]!.GetValue<long>();
        await SubmitContractAsync(lin, submitted);

        using (var deleted = await lin.DeleteAsync($"/api/v1/contracts/{draft["id"]}?version={draft["version"]}"))
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using (var refused = await lin.DeleteAsync($"/api/v1/contracts/{submitted}"))
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await app.WithDbAsync(db => db.Contracts.AnyAsync(c => c.Id == draft["id"]!.GetValue<long>()))).ShouldBeFalse();
        (await StoredAsync(app, submitted)).State.ShouldBe(ContractState.Review);
    }

    [Fact]
    public async Task Edit_WithAStaleVersion_Is409AndOverwritesNothing()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var customer = await CustomerAsync(app);
        var created = await CreateContractAsync(lin, new { title = Unique("合同"), companyId = customer });
        var id = created["id"]!.GetValue<long>();
        var version = created["version"]!.GetValue<int>();
        using (var first = await lin.PutAsJsonAsync($"/api/v1/contracts/{id}", new { title = "第一次修改", companyId = customer, version }))
            first.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var stale = await lin.PutAsJsonAsync($"/api/v1/contracts/{id}", new { title = "过期的修改", companyId = customer, version });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await StoredAsync(app, id)).Title.ShouldBe("第一次修改");
    }

    [Fact]
    public async Task EndingWithin30Days_ShowsOnTheOwnersWorkbench_AndTheCompanyPage_ButAContractEndingLaterDoesNot()
    {
        var customer = await CustomerAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        async Task<(long Id, string Number)> ApprovedAsync(DateOnly endsOn)
        {
            var c = await CreateContractAsync(lin, new { title = Unique("到期合同"), companyId = customer, startsOn = Today.AddYears(-1), endsOn });
            var task = await SubmitContractAsync(lin, c["id"]!.GetValue<long>());
            using var agreed = await zhao.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { action = "approve" });
            agreed.StatusCode.ShouldBe(HttpStatusCode.OK, await agreed.Content.ReadAsStringAsync());
            return (c["id"]!.GetValue<long>(), c["number"]!.GetValue<string>());
        }
        var soon = await ApprovedAsync(Today.AddDays(10));
        var later = await ApprovedAsync(Today.AddDays(60));

        using var browser = await app.BrowserAsAsync("xiaolin");
        var workbench = await browser.GetDocumentAsync("/");
        var card = workbench.QuerySelector("#contracts-ending")!;
        var shown = card.QuerySelectorAll("a[href^='/contracts/']").Select(a => a.TextContent.Trim()).ToList();
        shown.ShouldContain(soon.Number);
        shown.ShouldNotContain(later.Number);
        var listed = await (await lin.GetAsync("/api/v1/contracts?endingWithin=30&limit=200")).ReadObjectAsync();
        listed["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldContain(soon.Id);
        listed["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldNotContain(later.Id);

        var company = await browser.GetDocumentAsync($"/customers/companies/{customer}");
        company.QuerySelector("#company-contracts")!.TextContent.ShouldContain(later.Number);

        using var wang = await app.BrowserAsAsync("xiaowang");
        var wangs = await wang.GetDocumentAsync("/");
        (wangs.QuerySelector("#contracts-ending")?.TextContent ?? "").ShouldNotContain(soon.Number);
    }

    [Fact]
    public async Task Attachment_IsDownloadedByTheOwnerAndTheSupervisor_AnotherSalespersonGets404_AndTheContractHistoryRecordsIt()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var id = (await CreateContractAsync(lin, new { title = Unique("附件合同"), companyId = await CustomerAsync(app) }))["id"]!.GetValue<long>();
        await SubmitContractAsync(lin, id);
        var bytes = DocumentTestData.Pdf();
        var document = (await DocumentTestData.UploadedAsync(lin, "contracts", id, bytes, "签字版合同.pdf"))["id"]!.GetValue<long>();
        using var admin = await app.ApiAsAsync("admin");
        var login = AdminTestHelpers.Unique("sales");
        await admin.CreateUserAsync(login, "Another-Pass-123", "sales");
        using var other = await app.ApiWithPasswordAsync(login, "Another-Pass-123");
        using var zhao = await app.ApiAsAsync("zhaojingli");

        (await (await lin.GetAsync($"/api/v1/documents/{document}/content")).Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        (await (await zhao.GetAsync($"/api/v1/documents/{document}/content")).Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        (await other.GetAsync($"/api/v1/documents/{document}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/documents/{document}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DocumentTestData.IdsAsync(other, $"/api/v1/documents?ownerType=contracts&ownerId={id}")).ShouldBeEmpty();
        using (var refused = await DocumentTestData.UploadAsync(other, "contracts", id, bytes, "冒充.pdf"))
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DocumentTestData.AttachmentHistoryAsync(app, nameof(Contract), id)).Select(c => c.To).ShouldBe(["签字版合同.pdf"]);
    }

    [Fact]
    public async Task DemoData_HasContractsInEveryState_ThroughTheWorkflow_WithOneEndingSoonOnLinsWorkbench_AndItsSignedScanAttached()
    {
        var lin = await app.UserIdAsync("xiaolin");
        // The demo contracts are the first ones; tests only add after them.
        var demo = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Include(c => c.Orders).OrderBy(c => c.Id).Take(6).ToListAsync());

        demo.Where(c => c.OwnerId == lin).Select(c => c.State).Order().ShouldBe([ContractState.Draft, ContractState.Review, ContractState.Returned,
            ContractState.Approved, ContractState.Approved]);
        var purchase = demo.Single(c => c.Kind == ContractKind.Purchase);
        (purchase.OwnerId, purchase.State, purchase.ApproverId).ShouldBe((await app.UserIdAsync("xiaowang"), ContractState.Approved, (long?)await app.UserIdAsync("caijingli")));
        var ending = demo.Single(c => c.Title == "年度供货框架合同");
        ending.Orders.ShouldNotBeEmpty();
        (await app.WithDbAsync(db => db.Documents.Where(d => d.OwnerType == "contracts" && d.OwnerId == ending.Id).Select(d => d.FileName).ToListAsync()))
            .ShouldBe(["年度供货框架合同-签字版.pdf"]);
        using var browser = await app.BrowserAsAsync("xiaolin");
        (await browser.GetDocumentAsync("/")).QuerySelector("#contracts-ending")!.TextContent.ShouldContain(ending.Number);
        (await PendingContractTaskAsync(app, demo.Single(c => c.State == ContractState.Review).Id))!.AssigneeId.ShouldBe(await app.UserIdAsync("zhaojingli"));
    }
}

public sealed class ContractApiTestsOnSqlite(SqliteApp app) : ContractApiTests(app), IClassFixture<SqliteApp>;

public sealed class ContractApiTestsOnPostgres(PostgresApp app) : ContractApiTests(app), IClassFixture<PostgresApp>;
