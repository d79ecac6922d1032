using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Workflow;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Purchasing.PurchaseOrderTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Purchasing;

/// <summary>采购单 over HTTP: 小王 (purchaser) fills and submits; 蔡经理 (purchase manager) reviews,
/// and 同意 receives the goods into stock; 钱经理 (finance manager) pays until nothing is outstanding.</summary>
public abstract class PurchaseOrderApiTests(KehuApp app)
{
    [Fact]
    public async Task SeedScenario_WangFills_CaiApproves_QianPaysPartThenRest_StockRisesAndOrderCloses()
    {
        var supplier = await SupplierAsync(app);
        var bolts = await ProductAsync(app, purchasePrice: 12.5m);
        var nuts = await ProductAsync(app, purchasePrice: 3.33m);
        var warehouse = await DefaultWarehouseAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        using var qian = await app.ApiAsAsync("qianjingli");

        var created = await CreateOrderAsync(wang, new
        {
            supplierId = supplier,
            notes = "月度补货",
            lines = new object[] { new { productId = bolts, quantity = 10 }, new { productId = nuts, quantity = 3, unitPrice = 3.335m, discount = 0.9m } },
        });
        var id = created["id"]!.GetValue<long>();
        created["number"]!.GetValue<string>().ShouldStartWith("CG-");
        created["state"]!.GetValue<string>().ShouldBe("draft");
        created["purchaser"]!.GetValue<string>().ShouldBe("小王");
        var lines = created["lines"]!.AsArray();
        lines[0]!["unitPrice"]!.GetValue<decimal>().ShouldBe(12.5m);
        lines[0]!["discount"]!.GetValue<decimal>().ShouldBe(1m);
        lines.Select(x => x!["amount"]!.GetValue<decimal>()).ShouldBe([125m, 9.00m]); // 3 × 3.335 × 0.9 = 9.0045
        created["total"]!.GetValue<decimal>().ShouldBe(134m);
        (await MovesOfAsync(app, id)).ShouldBe(0);

        var review = await SubmitOrderAsync(wang, id);
        (await ReadOrderAsync(wang, id))["state"]!.GetValue<string>().ShouldBe("review");
        var caisTasks = await (await cai.GetAsync("/api/v1/tasks")).ReadObjectAsync();
        caisTasks["items"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldContain(review);

        using (var approved = await CompleteAsync(cai, review, new { action = "approve", fields = new { reviewOpinion = "同意采购" } }))
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());

        var afterReview = await ReadOrderAsync(cai, id);
        afterReview["state"]!.GetValue<string>().ShouldBe("approved");
        afterReview["step"]!.GetValue<string>().ShouldBe(PurchaseOrderWorkflow.Payment);
        afterReview["reviewer"]!.GetValue<string>().ShouldBe("蔡经理");
        afterReview["reviewOpinion"]!.GetValue<string>().ShouldBe("同意采购");
        afterReview["reviewDate"].ShouldNotBeNull();
        (await OnHandAsync(app, bolts, warehouse)).ShouldBe(10);
        (await OnHandAsync(app, nuts, warehouse)).ShouldBe(3);
        var moves = await app.WithDbAsync(db => db.StockMoves.Where(m => m.DocumentType == PurchaseOrder.DocumentType && m.DocumentId == id).OrderBy(m => m.DocumentLine).ToListAsync());
        moves.Select(m => (m.Kind, m.ProductId, m.Quantity, m.UnitCost)).ShouldBe([(StockMoveKind.Receipt, bolts, 10m, 12.5m), (StockMoveKind.Receipt, nuts, 3m, 3.0015m)]);
        moves.ShouldAllBe(m => m.DocumentNumber == created["number"]!.GetValue<string>());

        var pay1 = (await PendingTaskAsync(app, id))!.Value;
        var qiansTasks = await (await qian.GetAsync("/api/v1/tasks")).ReadObjectAsync();
        qiansTasks["items"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldContain(pay1);
        using (var paid = await CompleteAsync(qian, pay1, new { action = "pay", fields = new { paymentAmount = 100m, paymentMethod = "bank" } }))
            paid.StatusCode.ShouldBe(HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());

        var partly = await ReadOrderAsync(qian, id);
        partly["state"]!.GetValue<string>().ShouldBe("approved");
        partly["paid"]!.GetValue<decimal>().ShouldBe(100m);
        partly["outstanding"]!.GetValue<decimal>().ShouldBe(34m);
        var pay2 = (await PendingTaskAsync(app, id))!.Value;
        pay2.ShouldNotBe(pay1);

        using (var rest = await CompleteAsync(qian, pay2, new { action = "pay", fields = new { paymentAmount = 34m, paymentMethod = "cash" } }))
            rest.StatusCode.ShouldBe(HttpStatusCode.OK, await rest.Content.ReadAsStringAsync());

        var closed = await ReadOrderAsync(qian, id);
        closed["state"]!.GetValue<string>().ShouldBe("paid");
        closed["step"].ShouldBeNull();
        closed["outstanding"]!.GetValue<decimal>().ShouldBe(0m);
        var payments = closed["payments"]!.AsArray();
        payments.Select(p => p!["amount"]!.GetValue<decimal>()).ShouldBe([100m, 34m]);
        payments.Select(p => p!["method"]!.GetValue<string>()).ShouldBe(["bank", "cash"]);
        payments.ShouldAllBe(p => p!["number"]!.GetValue<string>().StartsWith("FK-") && p["payer"]!.GetValue<string>() == "钱经理");
        (await PendingTaskAsync(app, id)).ShouldBeNull();
        (await app.WithDbAsync(db => db.WorkflowInstances.SingleAsync(i => i.DocumentType == PurchaseOrder.DocumentType && i.DocumentId == id))).State.ShouldBe(WorkflowState.Completed);

        var listed = await (await qian.GetAsync($"/api/v1/payments?purchaseOrderId={id}")).ReadObjectAsync();
        listed["items"]!.AsArray().Count.ShouldBe(2);
        var history = await (await wang.GetAsync($"/api/v1/purchase-orders/{id}/history")).ReadObjectAsync();
        history["workflow"]!.AsArray().Count.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task Create_WithAProductOfAnotherSupplier_IsRefusedNamingTheLineAndChangesNothing()
    {
        var supplier = await SupplierAsync(app);
        var mine = await ProductAsync(app);
        var theirs = await ProductAsync(app, supplierId: await OtherSupplierAsync(app));
        using var wang = await app.ApiAsAsync("xiaowang");
        var before = await OrdersOfAsync(app, await app.UserIdAsync("xiaowang"));

        using var response = await PostOrderAsync(wang, new { supplierId = supplier, lines = new[] { new { productId = mine, quantity = 1 }, new { productId = theirs, quantity = 1 } } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("lines[1].productId")).Single().ShouldContain("不是该供应商的商品");
        (await OrdersOfAsync(app, await app.UserIdAsync("xiaowang"))).ShouldBe(before);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("-0.5")]
    public async Task Create_WithADiscountOutside0To1_IsRefusedNamingTheFieldAndChangesNothing(string discount)
    {
        var product = await ProductAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        var before = await OrdersOfAsync(app, await app.UserIdAsync("xiaowang"));

        using var response = await PostOrderAsync(wang, new { supplierId = await SupplierAsync(app), lines = new[] { new { productId = product, quantity = 1, discount = decimal.Parse(discount, System.Globalization.CultureInfo.InvariantCulture) } } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("lines[0].discount")).Single().ShouldBe("折扣必须大于 0 且不大于 1");
        (await OrdersOfAsync(app, await app.UserIdAsync("xiaowang"))).ShouldBe(before);
    }

    [Fact]
    public async Task Create_WithoutLines_IsRefusedAndChangesNothing()
    {
        using var wang = await app.ApiAsAsync("xiaowang");
        var before = await OrdersOfAsync(app, await app.UserIdAsync("xiaowang"));

        using var response = await PostOrderAsync(wang, new { supplierId = await SupplierAsync(app), lines = Array.Empty<object>() });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("lines")).ShouldContain("请至少录入一个商品");
        (await OrdersOfAsync(app, await app.UserIdAsync("xiaowang"))).ShouldBe(before);
    }

    [Fact]
    public async Task Create_WithAProductThatDoesNotExist_IsRefusedNamingTheLine()
    {
        using var wang = await app.ApiAsAsync("xiaowang");

        using var response = await PostOrderAsync(wang, new { supplierId = await SupplierAsync(app), lines = new[] { new { productId = long.MaxValue, quantity = 1 } } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("lines[0].productId")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task PurchaserSendingReviewFields_IsRefusedOnCreateAndEdit_AndChangesNothing()
    {
        var product = await ProductAsync(app);
        var supplier = await SupplierAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        var before = await OrdersOfAsync(app, await app.UserIdAsync("xiaowang"));

        using var create = await PostOrderAsync(wang, new { supplierId = supplier, reviewOpinion = "自己批准", lines = new[] { new { productId = product, quantity = 1 } } });
        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await create.FieldErrorsAsync("reviewOpinion")).ShouldNotBeEmpty();
        (await OrdersOfAsync(app, await app.UserIdAsync("xiaowang"))).ShouldBe(before);

        var order = await CreateOrderAsync(wang, new { supplierId = supplier, lines = new[] { new { productId = product, quantity = 1 } } });
        var id = order["id"]!.GetValue<long>();
        using var edit = await wang.PutAsJsonAsync($"/api/v1/purchase-orders/{id}", new
        {
            supplierId = supplier, version = order["version"]!.GetValue<int>(), reviewerId = await app.UserIdAsync("xiaowang"), reviewDate = "2026-01-01",
            lines = new[] { new { productId = product, quantity = 5 } },
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await edit.FieldErrorsAsync("reviewerId")).ShouldNotBeEmpty();
        var after = await ReadOrderAsync(wang, id);
        after["reviewerId"].ShouldBeNull();
        after["lines"]!.AsArray().Single()!["quantity"]!.GetValue<decimal>().ShouldBe(1m);
        after["version"]!.GetValue<int>().ShouldBe(order["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task PurchaserEditingAfterSubmission_IsRefusedAndChangesNothing()
    {
        var product = await ProductAsync(app);
        var supplier = await SupplierAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        var order = await CreateOrderAsync(wang, new { supplierId = supplier, lines = new[] { new { productId = product, quantity = 1 } } });
        var id = order["id"]!.GetValue<long>();
        await SubmitOrderAsync(wang, id);
        var submitted = await ReadOrderAsync(wang, id);

        using var edit = await wang.PutAsJsonAsync($"/api/v1/purchase-orders/{id}", new
        {
            supplierId = supplier, version = submitted["version"]!.GetValue<int>(), lines = new[] { new { productId = product, quantity = 9 } },
        });

        edit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var after = await ReadOrderAsync(wang, id);
        after["lines"]!.AsArray().Single()!["quantity"]!.GetValue<decimal>().ShouldBe(1m);
        after["version"]!.GetValue<int>().ShouldBe(submitted["version"]!.GetValue<int>());
        using var delete = await wang.DeleteAsync($"/api/v1/purchase-orders/{id}");
        delete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ManagerSendingLinesAtReview_IsRefusedAndChangesNothing()
    {
        var product = await ProductAsync(app);
        var warehouse = await DefaultWarehouseAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        var id = (await CreateOrderAsync(wang, new { supplierId = await SupplierAsync(app), lines = new[] { new { productId = product, quantity = 2 } } }))["id"]!.GetValue<long>();
        var task = await SubmitOrderAsync(wang, id);
        var before = await ReadOrderAsync(cai, id);

        using var response = await CompleteAsync(cai, task, new { action = "approve", fields = new { lines = new[] { new { productId = product, quantity = 200 } }, notes = "改了" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var after = await ReadOrderAsync(cai, id);
        after["state"]!.GetValue<string>().ShouldBe("review");
        after["notes"].ShouldBeNull();
        after["version"]!.GetValue<int>().ShouldBe(before["version"]!.GetValue<int>());
        (await PendingTaskAsync(app, id)).ShouldBe(task);
        (await MovesOfAsync(app, id)).ShouldBe(0);
        (await app.WithDbAsync(db => db.StockBalances.AnyAsync(b => b.ProductId == product && b.WarehouseId == warehouse && b.Quantity != 0))).ShouldBeFalse();
    }

    [Fact]
    public async Task Overpayment_IsRefusedNamingTheAmountAndChangesNothing()
    {
        var product = await ProductAsync(app, purchasePrice: 20m);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var id = (await CreateOrderAsync(wang, new { supplierId = await SupplierAsync(app), lines = new[] { new { productId = product, quantity = 5 } } }))["id"]!.GetValue<long>();
        var review = await SubmitOrderAsync(wang, id);
        (await CompleteAsync(cai, review, new { action = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pay = (await PendingTaskAsync(app, id))!.Value;

        using var response = await CompleteAsync(qian, pay, new { action = "pay", fields = new { paymentAmount = 100.01m, paymentMethod = "cash" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("paymentAmount")).Single().ShouldContain("100.00");
        var after = await ReadOrderAsync(qian, id);
        after["paid"]!.GetValue<decimal>().ShouldBe(0m);
        after["payments"]!.AsArray().ShouldBeEmpty();
        (await PendingTaskAsync(app, id)).ShouldBe(pay);
        (await app.WithDbAsync(db => db.Payments.CountAsync(p => p.PurchaseOrderId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task Pay_ByThePurchaser_IsForbidden()
    {
        var product = await ProductAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        var id = (await CreateOrderAsync(wang, new { supplierId = await SupplierAsync(app), lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();
        (await CompleteAsync(cai, await SubmitOrderAsync(wang, id), new { action = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pay = (await PendingTaskAsync(app, id))!.Value;

        using var response = await CompleteAsync(wang, pay, new { action = "pay", fields = new { paymentAmount = 1m, paymentMethod = "cash" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Payments.CountAsync(p => p.PurchaseOrderId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task Return_LetsThePurchaserEditAndSubmitAgain()
    {
        var product = await ProductAsync(app);
        var supplier = await SupplierAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        var id = (await CreateOrderAsync(wang, new { supplierId = supplier, lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();
        (await CompleteAsync(cai, await SubmitOrderAsync(wang, id), new { action = "return", opinion = "数量不够" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var returned = await ReadOrderAsync(wang, id);
        returned["state"]!.GetValue<string>().ShouldBe("returned");

        using var edit = await wang.PutAsJsonAsync($"/api/v1/purchase-orders/{id}", new
        {
            supplierId = supplier, version = returned["version"]!.GetValue<int>(), lines = new[] { new { productId = product, quantity = 4 } },
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        var review = await SubmitOrderAsync(wang, id);

        var again = await ReadOrderAsync(cai, id);
        again["state"]!.GetValue<string>().ShouldBe("review");
        again["total"]!.GetValue<decimal>().ShouldBe(40m);
        (await PendingTaskAsync(app, id)).ShouldBe(review);
    }

    [Fact]
    public async Task Reject_EndsTheOrderWithoutStock()
    {
        var product = await ProductAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        var id = (await CreateOrderAsync(wang, new { supplierId = await SupplierAsync(app), lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();

        using var response = await CompleteAsync(cai, await SubmitOrderAsync(wang, id), new { action = "reject", opinion = "价格太高" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await ReadOrderAsync(cai, id);
        after["state"]!.GetValue<string>().ShouldBe("rejected");
        after["reviewOpinion"]!.GetValue<string>().ShouldBe("价格太高");
        (await MovesOfAsync(app, id)).ShouldBe(0);
        (await PendingTaskAsync(app, id)).ShouldBeNull();
    }

    [Fact]
    public async Task FiftyParallelApprovals_PostStockOnce_AndCreateOnePaymentTask()
    {
        var product = await ProductAsync(app);
        var warehouse = await DefaultWarehouseAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        var id = (await CreateOrderAsync(wang, new { supplierId = await SupplierAsync(app), lines = new[] { new { productId = product, quantity = 7 } } }))["id"]!.GetValue<long>();
        var task = await SubmitOrderAsync(wang, id);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 50; i++) clients.Add(await app.ApiAsAsync("caijingli"));

        var answers = await Task.WhenAll(clients.Select(c => CompleteAsync(c, task, new { action = "approve" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(49);
        (await MovesOfAsync(app, id)).ShouldBe(1);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(7);
        (await app.WithDbAsync(db => db.WorkflowTasks.CountAsync(t => t.DocumentType == PurchaseOrder.DocumentType && t.DocumentId == id && t.Step == PurchaseOrderWorkflow.Payment))).ShouldBe(1);
        foreach (var a in answers) a.Dispose();
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task DemoData_HasWangsOrdersInEveryStateThroughTheWorkflow()
    {
        var wang = await app.UserIdAsync("xiaowang");
        // The demo orders are the first ones; tests only add after them.
        var demo = await app.WithDbAsync(db => db.PurchaseOrders.AsNoTracking().Where(o => o.PurchaserId == wang).OrderBy(o => o.Id).Take(6).ToListAsync());

        demo.Select(o => (o.Notes, o.State)).OrderBy(x => x.State).ShouldBe([
            ("下月计划（草稿）", PurchaseOrderState.Draft), ("补充包装材料", PurchaseOrderState.Returned), ("急需", PurchaseOrderState.Review), ("备货", PurchaseOrderState.Approved),
            ("月度补货", PurchaseOrderState.Paid), ("试用新品", PurchaseOrderState.Rejected)]);
        var partly = demo.Single(o => o.State == PurchaseOrderState.Approved);
        partly.Paid.ShouldBe(100m);
        partly.Outstanding.ShouldBeGreaterThan(0m);
        var paid = demo.Single(o => o.State == PurchaseOrderState.Paid);
        (await MovesOfAsync(app, paid.Id)).ShouldBe(2);
        (await app.WithDbAsync(db => db.Payments.Where(p => p.PurchaseOrderId == paid.Id).SumAsync(p => p.Amount))).ShouldBe(paid.Total);
    }

    [Fact]
    public async Task List_FiltersByStateSupplierAndProduct_AndOthersMayNotSeeOrders()
    {
        var product = await ProductAsync(app);
        var supplier = await SupplierAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        var draft = (await CreateOrderAsync(wang, new { supplierId = supplier, lines = new[] { new { productId = product, quantity = 1 } } }))["id"]!.GetValue<long>();
        var inReview = (await CreateOrderAsync(wang, new { supplierId = supplier, lines = new[] { new { productId = product, quantity = 2 } } }))["id"]!.GetValue<long>();
        await SubmitOrderAsync(wang, inReview);

        var byProduct = await (await wang.GetAsync($"/api/v1/purchase-orders?productId={product}&supplierId={supplier}")).ReadObjectAsync();
        var reviewOnly = await (await wang.GetAsync($"/api/v1/purchase-orders?productId={product}&state=review")).ReadObjectAsync();

        byProduct["items"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ShouldBe([inReview, draft]);
        reviewOnly["items"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ShouldBe([inReview]);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var denied = await lin.GetAsync($"/api/v1/purchase-orders/{draft}");
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class PurchaseOrderApiTestsOnSqlite(SqliteApp app) : PurchaseOrderApiTests(app), IClassFixture<SqliteApp>;

public sealed class PurchaseOrderApiTestsOnPostgres(PostgresApp app) : PurchaseOrderApiTests(app), IClassFixture<PostgresApp>;
