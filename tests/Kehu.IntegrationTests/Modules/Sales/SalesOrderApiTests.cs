using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Sales.SalesOrderTestData;

namespace Kehu.IntegrationTests.Modules.Sales;

/// <summary>销售单 over HTTP: 小林 (salesperson) fills and submits, for a known or a new customer;
/// 赵经理 (sales manager) reviews, and 同意 takes the goods out of stock; 钱经理 (finance manager)
/// collects until nothing is outstanding.</summary>
public abstract class SalesOrderApiTests(KehuApp app)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task SeedScenario_LinSellsToANewCustomer_ZhaoApproves_QianCollectsPartThenRest_StockFallsAndOrderCloses()
    {
        var pumps = await StockedProductAsync(app, onHand: 10, salePrice: 199.99m);
        var seals = await StockedProductAsync(app, onHand: 50, salePrice: 3.5m);
        var warehouse = await DefaultWarehouseAsync(app);
        var customerName = Unique("新客户");
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");

        var created = await CreateOrderAsync(lin, new
        {
            customerName,
            notes = "首单",
            lines = new object[] { new { productId = pumps, quantity = 2 }, new { productId = seals, quantity = 3, unitPrice = 3.335m, discount = 0.9m } },
        });
        var id = created["id"]!.GetValue<long>();
        created["number"]!.GetValue<string>().ShouldStartWith("XS-");
        created["state"]!.GetValue<string>().ShouldBe("draft");
        created["salesperson"]!.GetValue<string>().ShouldBe("小林");
        created["customer"]!.GetValue<string>().ShouldBe(customerName);
        var lines = created["lines"]!.AsArray();
        lines.Select(x => x!["unitPrice"]!.GetValue<decimal>()).ShouldBe([199.99m, 3.335m]);
        lines.Select(x => x!["amount"]!.GetValue<decimal>()).ShouldBe([399.98m, 9.00m]); // 3 × 3.335 × 0.9 = 9.0045
        created["total"]!.GetValue<decimal>().ShouldBe(408.98m);

        var customerId = created["customerId"]!.GetValue<long>();
        var company = await app.WithDbAsync(db => db.Companies.SingleAsync(c => c.Id == customerId));
        company.Name.ShouldBe(customerName);
        company.IsCustomer.ShouldBeTrue();
        company.OwnerId.ShouldBe(await app.UserIdAsync("xiaolin"));
        var listed = await (await lin.GetAsync($"/api/v1/companies?q={Uri.EscapeDataString(customerName)}")).ReadObjectAsync();
        listed["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldBe([customerId]);

        var review = await SubmitOrderAsync(lin, id);
        var zhaosTasks = await (await zhao.GetAsync("/api/v1/tasks")).ReadObjectAsync();
        zhaosTasks["items"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldContain(review);
        using (var approved = await zhao.PostAsJsonAsync($"/api/v1/tasks/{review}/complete", new { action = "approve", fields = new { reviewOpinion = "同意" } }))
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());

        var afterReview = await ReadOrderAsync(zhao, id);
        afterReview["state"]!.GetValue<string>().ShouldBe("approved");
        afterReview["step"]!.GetValue<string>().ShouldBe(SalesOrderWorkflow.Collection);
        afterReview["reviewer"]!.GetValue<string>().ShouldBe("赵经理");
        (await OnHandAsync(app, pumps, warehouse)).ShouldBe(8);
        (await OnHandAsync(app, seals, warehouse)).ShouldBe(47);
        var moves = await app.WithDbAsync(db => db.StockMoves.Where(m => m.DocumentType == SalesOrder.DocumentType && m.DocumentId == id).OrderBy(m => m.DocumentLine).ToListAsync());
        moves.Select(m => (m.Kind, m.ProductId, m.Quantity)).ShouldBe([(StockMoveKind.Issue, pumps, -2m), (StockMoveKind.Issue, seals, -3m)]);

        var collect1 = (await PendingTaskAsync(app, id))!.Value;
        var qiansTasks = await (await qian.GetAsync("/api/v1/tasks")).ReadObjectAsync();
        qiansTasks["items"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldContain(collect1);
        using (var part = await qian.PostAsJsonAsync($"/api/v1/tasks/{collect1}/complete", new { action = "collect", fields = new { receiptAmount = 400m, receiptMethod = "bank" } }))
            part.StatusCode.ShouldBe(HttpStatusCode.OK, await part.Content.ReadAsStringAsync());
        var partly = await ReadOrderAsync(qian, id);
        partly["state"]!.GetValue<string>().ShouldBe("approved");
        partly["received"]!.GetValue<decimal>().ShouldBe(400m);
        partly["outstanding"]!.GetValue<decimal>().ShouldBe(8.98m);

        var collect2 = (await PendingTaskAsync(app, id))!.Value;
        using (var rest = await qian.PostAsJsonAsync($"/api/v1/tasks/{collect2}/complete", new { action = "collect", fields = new { receiptAmount = 8.98m, receiptMethod = "cash" } }))
            rest.StatusCode.ShouldBe(HttpStatusCode.OK, await rest.Content.ReadAsStringAsync());

        var closed = await ReadOrderAsync(lin, id);
        closed["state"]!.GetValue<string>().ShouldBe("collected");
        closed["outstanding"]!.GetValue<decimal>().ShouldBe(0m);
        var receipts = closed["receipts"]!.AsArray();
        receipts.Select(r => r!["amount"]!.GetValue<decimal>()).ShouldBe([400m, 8.98m]);
        receipts.ShouldAllBe(r => r!["number"]!.GetValue<string>().StartsWith("SK-") && r["receiver"]!.GetValue<string>() == "钱经理" && r["customerId"]!.GetValue<long>() == customerId);
        (await PendingTaskAsync(app, id)).ShouldBeNull();
        var listedReceipts = await (await qian.GetAsync($"/api/v1/receipts?salesOrderId={id}")).ReadObjectAsync();
        listedReceipts["items"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Approve_WhenStockWouldGoBelowZero_IsRefusedNamingEveryShortProductAndChangesNothing()
    {
        var shortA = await StockedProductAsync(app, onHand: 1);
        var shortB = await StockedProductAsync(app, onHand: 0);
        var enough = await StockedProductAsync(app, onHand: 10);
        var warehouse = await DefaultWarehouseAsync(app);
        var names = await app.WithDbAsync(db => db.Products.Where(p => p.Id == shortA || p.Id == shortB).Select(p => p.Name).ToListAsync());
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var id = (await CreateOrderAsync(lin, new
        {
            customerId = await CustomerAsync(app),
            lines = new object[] { new { productId = enough, quantity = 5 }, new { productId = shortA, quantity = 2 }, new { productId = shortB, quantity = 1 } },
        }))["id"]!.GetValue<long>();
        var review = await SubmitOrderAsync(lin, id);

        using var refused = await zhao.PostAsJsonAsync($"/api/v1/tasks/{review}/complete", new { action = "approve" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var detail = (await refused.ReadObjectAsync())["detail"]!.GetValue<string>();
        foreach (var name in names) detail.ShouldContain(name);
        detail.ShouldContain("现有 1");
        (await MovesOfAsync(app, id)).ShouldBe(0);
        (await OnHandAsync(app, enough, warehouse)).ShouldBe(10);
        (await OnHandAsync(app, shortA, warehouse)).ShouldBe(1);
        var order = await ReadOrderAsync(zhao, id);
        order["state"]!.GetValue<string>().ShouldBe("review");
        order["reviewerId"].ShouldBeNull();
        (await PendingTaskAsync(app, id)).ShouldBe(review);
    }

    [Fact]
    public async Task TwoHundredOneUnitOrders_Against100OnHand_ApprovedInParallel_Give100ApprovedAndABalanceOfZero()
    {
        var product = await StockedProductAsync(app, onHand: 100);
        var warehouse = await DefaultWarehouseAsync(app);
        var customer = await CustomerAsync(app);
        var lin = await app.UserIdAsync("xiaolin");
        var tasks = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            using var scope = app.Services.CreateScope();
            var save = scope.ServiceProvider.GetRequiredService<SaveSalesOrder>();
            var order = await save.CreateAsync(lin, new SalesOrderInput { CustomerId = customer, Lines = [new() { ProductId = product, Quantity = 1 }] }, CancellationToken.None);
            var submitted = await save.SubmitAsync(lin, order.Value.Id, CancellationToken.None);
            tasks.Add(submitted.Value.NewTasks.Single().Id);
        }
        using var zhao = await app.ApiAsAsync("zhaojingli");

        var answers = await Task.WhenAll(tasks.Select(t => zhao.PostAsJsonAsync($"/api/v1/tasks/{t}/complete", new { action = "approve" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(100);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(100);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(0);
        (await LedgerSumAsync(app, product, warehouse)).ShouldBe(0);
        var states = await app.WithDbAsync(db => db.SalesOrders.Where(o => o.Lines.Any(l => l.ProductId == product)).GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        states.OrderBy(s => s.Key).Select(s => (s.Key, s.Count)).ShouldBe([(SalesOrderState.Review, 100), (SalesOrderState.Approved, 100)]);
        (await app.WithDbAsync(db => db.WorkflowTasks.CountAsync(t => t.DocumentType == SalesOrder.DocumentType && t.Step == SalesOrderWorkflow.Collection
            && db.SalesOrders.Any(o => o.Id == t.DocumentId && o.Lines.Any(l => l.ProductId == product))))).ShouldBe(100);
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task FiftyParallelApprovals_IssueStockOnce_AndCreateOneCollectionTask()
    {
        var product = await StockedProductAsync(app, onHand: 20);
        var warehouse = await DefaultWarehouseAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        var id = (await CreateOrderAsync(lin, new { customerId = await CustomerAsync(app), lines = new[] { new { productId = product, quantity = 7 } } }))["id"]!.GetValue<long>();
        var task = await SubmitOrderAsync(lin, id);
        using var zhao = await app.ApiAsAsync("zhaojingli");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => zhao.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { action = "approve" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(49);
        (await MovesOfAsync(app, id)).ShouldBe(1);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(13);
        (await app.WithDbAsync(db => db.WorkflowTasks.CountAsync(t => t.DocumentType == SalesOrder.DocumentType && t.DocumentId == id && t.Step == SalesOrderWorkflow.Collection))).ShouldBe(1);
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task Create_WithoutLines_IsRefusedAndCreatesNeitherOrderNorCustomer()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var name = Unique("空单客户");
        var before = await OrdersOfAsync(app, await app.UserIdAsync("xiaolin"));

        using var response = await PostOrderAsync(lin, new { customerName = name, lines = Array.Empty<object>() });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("lines")).Single().ShouldBe("请至少录入一个商品");
        (await OrdersOfAsync(app, await app.UserIdAsync("xiaolin"))).ShouldBe(before);
        (await app.WithDbAsync(db => db.Companies.AnyAsync(c => c.Name == name))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.01")]
    public async Task Create_WithADiscountOutside0To1_IsRefusedNamingTheFieldAndChangesNothing(string discount)
    {
        var product = await StockedProductAsync(app, onHand: 0);
        using var lin = await app.ApiAsAsync("xiaolin");
        var before = await OrdersOfAsync(app, await app.UserIdAsync("xiaolin"));

        using var response = await PostOrderAsync(lin, new { customerId = await CustomerAsync(app), lines = new[] { new { productId = product, quantity = 1, discount = decimal.Parse(discount, System.Globalization.CultureInfo.InvariantCulture) } } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("lines[0].discount")).Single().ShouldBe("折扣必须大于 0 且不大于 1");
        (await OrdersOfAsync(app, await app.UserIdAsync("xiaolin"))).ShouldBe(before);
    }

    [Fact]
    public async Task Create_WithACustomerOfAColleague_ByNameOrId_IsRefusedAndCreatesNothing()
    {
        var product = await StockedProductAsync(app, onHand: 0);
        var wang = await app.UserIdAsync("xiaowang");
        var theirs = await app.WithDbAsync(db => db.Companies.Where(c => c.OwnerId == wang && c.IsCustomer && !db.CompanyShares.Any(s => s.CompanyId == c.Id))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).FirstAsync());
        using var lin = await app.ApiAsAsync("xiaolin");
        var before = await OrdersOfAsync(app, await app.UserIdAsync("xiaolin"));
        var companies = await app.WithDbAsync(db => db.Companies.CountAsync());

        using var byName = await PostOrderAsync(lin, new { customerName = theirs.Name, lines = new[] { new { productId = product, quantity = 1 } } });
        using var byId = await PostOrderAsync(lin, new { customerId = theirs.Id, lines = new[] { new { productId = product, quantity = 1 } } });
        using var both = await PostOrderAsync(lin, new { customerId = await CustomerAsync(app), customerName = Unique("又一个"), lines = new[] { new { productId = product, quantity = 1 } } });

        byName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await byName.FieldErrorsAsync("customerName")).Single().ShouldContain(theirs.Name);
        byId.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await byId.FieldErrorsAsync("customerId")).ShouldNotBeEmpty();
        both.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await both.FieldErrorsAsync("customerName")).ShouldNotBeEmpty();
        (await OrdersOfAsync(app, await app.UserIdAsync("xiaolin"))).ShouldBe(before);
        (await app.WithDbAsync(db => db.Companies.CountAsync())).ShouldBe(companies);
    }

    [Fact]
    public async Task TenOrdersTypingTheSameNewCustomerAtOnce_CreateOneCustomerAndAllUseIt()
    {
        var product = await StockedProductAsync(app, onHand: 0);
        var name = Unique("同时新客户");
        using var lin = await app.ApiAsAsync("xiaolin");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostOrderAsync(lin, new { customerName = name, lines = new[] { new { productId = product, quantity = 1 } } })));

        foreach (var a in answers) a.StatusCode.ShouldBe(HttpStatusCode.Created, await a.Content.ReadAsStringAsync());
        var companies = await app.WithDbAsync(db => db.Companies.Where(c => c.Name == name).Select(c => c.Id).ToListAsync());
        companies.Count.ShouldBe(1);
        (await app.WithDbAsync(db => db.SalesOrders.CountAsync(o => o.CustomerId == companies[0]))).ShouldBe(10);
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task Create_WithTheNameOfACustomerTheSalespersonSees_UsesThatCustomer()
    {
        var product = await StockedProductAsync(app, onHand: 0);
        var mine = await CustomerAsync(app);
        var name = await app.WithDbAsync(db => db.Companies.Where(c => c.Id == mine).Select(c => c.Name).SingleAsync());
        var companies = await app.WithDbAsync(db => db.Companies.CountAsync());
        using var lin = await app.ApiAsAsync("xiaolin");

        var created = await CreateOrderAsync(lin, new { customerName = $" {name} ", lines = new[] { new { productId = product, quantity = 1 } } });

        created["customerId"]!.GetValue<long>().ShouldBe(mine);
        (await app.WithDbAsync(db => db.Companies.CountAsync())).ShouldBe(companies);
    }

    [Fact]
    public async Task SalespersonSendingReviewFields_AndManagerSendingLinesAtReview_AreRefusedAndChangeNothing()
    {
        var product = await StockedProductAsync(app, onHand: 5);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var customer = await CustomerAsync(app);

        using var withReview = await PostOrderAsync(lin, new { customerId = customer, reviewOpinion = "我自己同意", lines = new[] { new { productId = product, quantity = 1 } } });
        withReview.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withReview.FieldErrorsAsync("reviewOpinion")).Single().ShouldContain("销售部经理");

        var id = (await CreateOrderAsync(lin, new { customerId = customer, lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();
        var review = await SubmitOrderAsync(lin, id);
        using var linesAtReview = await zhao.PostAsJsonAsync($"/api/v1/tasks/{review}/complete", new { action = "approve", fields = new { lines = new[] { new { productId = product, quantity = 5 } }, notes = "改了" } });
        linesAtReview.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await MovesOfAsync(app, id)).ShouldBe(0);
        var order = await ReadOrderAsync(zhao, id);
        order["state"]!.GetValue<string>().ShouldBe("review");
        order["lines"]!.AsArray().Count.ShouldBe(1);
        using var putAtReview = await lin.PutAsJsonAsync($"/api/v1/sales-orders/{id}", new { customerId = customer, version = order["version"]!.GetValue<int>(), lines = new[] { new { productId = product, quantity = 3 } } });
        putAtReview.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ReadOrderAsync(zhao, id))["total"]!.GetValue<decimal>().ShouldBe(order["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Reject_EndsTheOrderWithoutStock_AndReturn_LetsTheSalespersonEditAndResubmit()
    {
        var product = await StockedProductAsync(app, onHand: 5);
        var warehouse = await DefaultWarehouseAsync(app);
        var customer = await CustomerAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var rejected = (await CreateOrderAsync(lin, new { customerId = customer, lines = new[] { new { productId = product, quantity = 2 } } }))["id"]!.GetValue<long>();
        var returned = (await CreateOrderAsync(lin, new { customerId = customer, lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();

        (await zhao.PostAsJsonAsync($"/api/v1/tasks/{await SubmitOrderAsync(lin, rejected)}/complete", new { action = "reject", opinion = "价格太低" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await zhao.PostAsJsonAsync($"/api/v1/tasks/{await SubmitOrderAsync(lin, returned)}/complete", new { action = "return", opinion = "数量再确认" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ReadOrderAsync(lin, rejected))["state"]!.GetValue<string>().ShouldBe("rejected");
        (await PendingTaskAsync(app, rejected)).ShouldBeNull();
        var back = await ReadOrderAsync(lin, returned);
        back["state"]!.GetValue<string>().ShouldBe("returned");
        using var edit = await lin.PutAsJsonAsync($"/api/v1/sales-orders/{returned}", new { customerId = customer, version = back["version"]!.GetValue<int>(), lines = new[] { new { productId = product, quantity = 4, unitPrice = 25m } } });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        var review = await SubmitOrderAsync(lin, returned);
        (await ReadOrderAsync(zhao, returned))["total"]!.GetValue<decimal>().ShouldBe(100m);
        (await PendingTaskAsync(app, returned)).ShouldBe(review);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(5);
    }

    [Fact]
    public async Task Overcollecting_IsRefusedNamingTheAmountAndChangesNothing()
    {
        var product = await StockedProductAsync(app, onHand: 5, salePrice: 10m);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var id = (await CreateOrderAsync(lin, new { customerId = await CustomerAsync(app), lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();
        (await zhao.PostAsJsonAsync($"/api/v1/tasks/{await SubmitOrderAsync(lin, id)}/complete", new { action = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var collect = (await PendingTaskAsync(app, id))!.Value;

        using var tooMuch = await qian.PostAsJsonAsync($"/api/v1/tasks/{collect}/complete", new { action = "collect", fields = new { receiptAmount = 10.01m, receiptMethod = "bank" } });
        using var byLin = await lin.PostAsJsonAsync($"/api/v1/tasks/{collect}/complete", new { action = "collect", fields = new { receiptAmount = 10m, receiptMethod = "bank" } });

        tooMuch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooMuch.FieldErrorsAsync("receiptAmount")).Single().ShouldContain("10.00");
        byLin.IsSuccessStatusCode.ShouldBeFalse();
        (await app.WithDbAsync(db => db.Receipts.CountAsync(r => r.SalesOrderId == id))).ShouldBe(0);
        (await ReadOrderAsync(qian, id))["received"]!.GetValue<decimal>().ShouldBe(0m);
        (await PendingTaskAsync(app, id)).ShouldBe(collect);
    }

    [Fact]
    public async Task DemoData_HasLinsOrdersInEveryStateThroughTheWorkflow_OneForACustomerTypedInAsNew()
    {
        var lin = await app.UserIdAsync("xiaolin");
        // The demo orders are the first ones; tests only add after them.
        var demo = await app.WithDbAsync(db => db.SalesOrders.AsNoTracking().Where(o => o.SalespersonId == lin).OrderBy(o => o.Id).Take(6).ToListAsync());

        demo.Select(o => o.State).Order().ShouldBe([SalesOrderState.Draft, SalesOrderState.Returned, SalesOrderState.Review,
            SalesOrderState.Approved, SalesOrderState.Collected, SalesOrderState.Rejected]);
        var collected = demo.Single(o => o.State == SalesOrderState.Collected);
        var customer = await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == collected.CustomerId));
        (customer.Name, customer.IsCustomer, customer.OwnerId).ShouldBe(("华东新能源设备有限公司", true, lin));
        (await app.WithDbAsync(db => db.Receipts.Where(r => r.SalesOrderId == collected.Id).SumAsync(r => r.Amount))).ShouldBe(collected.Total);
        (await MovesOfAsync(app, collected.Id)).ShouldBe(2);
        var partly = demo.Single(o => o.State == SalesOrderState.Approved);
        (partly.Received, partly.Outstanding > 0).ShouldBe((200m, true));
    }

    [Fact]
    public async Task List_FiltersByStateCustomerAndProduct_AndAPurchaserMayNotSeeSalesOrders()
    {
        var product = await StockedProductAsync(app, onHand: 0);
        var customer = await CustomerAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");
        var draft = (await CreateOrderAsync(lin, new { customerId = customer, lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();
        var inReview = (await CreateOrderAsync(lin, new { customerId = customer, lines = new[] { new { productId = product, quantity = 2 } } }))["id"]!.GetValue<long>();
        await SubmitOrderAsync(lin, inReview);

        var byProduct = await (await lin.GetAsync($"/api/v1/sales-orders?productId={product}&customerId={customer}")).ReadObjectAsync();
        var reviewOnly = await (await lin.GetAsync($"/api/v1/sales-orders?productId={product}&state=review")).ReadObjectAsync();

        byProduct["items"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ShouldBe([inReview, draft]);
        reviewOnly["items"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ShouldBe([inReview]);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var denied = await wang.GetAsync($"/api/v1/sales-orders/{draft}");
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class SalesOrderApiTestsOnSqlite(SqliteApp app) : SalesOrderApiTests(app), IClassFixture<SqliteApp>;

public sealed class SalesOrderApiTestsOnPostgres(PostgresApp app) : SalesOrderApiTests(app), IClassFixture<PostgresApp>;
