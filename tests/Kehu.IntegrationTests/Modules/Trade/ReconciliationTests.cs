using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using PurchaseData = Kehu.IntegrationTests.Modules.Purchasing.PurchaseOrderTestData;
using SalesData = Kehu.IntegrationTests.Modules.Sales.SalesOrderTestData;

namespace Kehu.IntegrationTests.Modules.Trade;

/// <summary>After both seed scenarios (and the demo data, which runs them too), the books agree:
/// every balance is its ledger, every order's total is its lines, its paid or received amount is its
/// payments or receipts, and only approved orders moved stock — exactly their lines. Each figure is
/// recomputed here from the raw rows.</summary>
public abstract class ReconciliationTests(KehuApp app)
{
    [Fact]
    public async Task AfterBuyingAndSelling_StockOrdersPaymentsAndReceiptsAddUp()
    {
        var product = await PurchaseData.ProductAsync(app, purchasePrice: 10m);
        var warehouse = await DefaultWarehouseAsync(app);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");

        var po = (await PurchaseData.CreateOrderAsync(wang, new { supplierId = await Kehu.IntegrationTests.Modules.Products.ProductTestData.SupplierAsync(app), lines = new[] { new { productId = product, quantity = 30, discount = 0.95m } } }))["id"]!.GetValue<long>();
        await OkAsync(cai, await PurchaseData.SubmitOrderAsync(wang, po), new { action = "approve" });
        await OkAsync(qian, (await PurchaseData.PendingTaskAsync(app, po))!.Value, new { action = "pay", fields = new { paymentAmount = 100m, paymentMethod = "bank" } });
        await OkAsync(qian, (await PurchaseData.PendingTaskAsync(app, po))!.Value, new { action = "pay", fields = new { paymentAmount = 185m, paymentMethod = "cash" } });

        var so = (await SalesData.CreateOrderAsync(lin, new { customerName = "对账客户" + Guid.NewGuid().ToString("N")[..6], lines = new[] { new { productId = product, quantity = 12, unitPrice = 16.5m } } }))["id"]!.GetValue<long>();
        await OkAsync(zhao, await SalesData.SubmitOrderAsync(lin, so), new { action = "approve" });
        await OkAsync(qian, (await SalesData.PendingTaskAsync(app, so))!.Value, new { action = "collect", fields = new { receiptAmount = 50m, receiptMethod = "bank" } });
        var rejected = (await SalesData.CreateOrderAsync(lin, new { customerId = await SalesData.CustomerAsync(app), lines = new[] { new { productId = product, quantity = 5 } } }))["id"]!.GetValue<long>();
        await OkAsync(zhao, await SalesData.SubmitOrderAsync(lin, rejected), new { action = "reject", opinion = "不做" });

        (await OnHandAsync(app, product, warehouse)).ShouldBe(30 - 12);
        await app.WithDbAsync(async db =>
        {
            var moves = await db.StockMoves.AsNoTracking().Select(m => new { m.ProductId, m.WarehouseId, m.Quantity, m.DocumentType, m.DocumentId, m.DocumentLine }).ToListAsync();
            var balances = await db.StockBalances.AsNoTracking().ToListAsync();
            foreach (var b in balances)
                b.Quantity.ShouldBe(moves.Where(m => m.ProductId == b.ProductId && m.WarehouseId == b.WarehouseId).Sum(m => m.Quantity), $"balance of product {b.ProductId} in {b.WarehouseId}");

            var purchases = await db.PurchaseOrders.AsNoTracking().Include(o => o.Lines).ToListAsync();
            var payments = await db.Payments.AsNoTracking().ToListAsync();
            foreach (var o in purchases)
            {
                o.Total.ShouldBe(o.Lines.Sum(l => Math.Round(l.Quantity * l.UnitPrice * l.Discount, 2, MidpointRounding.AwayFromZero)), o.Number);
                o.Paid.ShouldBe(payments.Where(p => p.PurchaseOrderId == o.Id).Sum(p => p.Amount), o.Number);
                (o.State == PurchaseOrderState.Paid).ShouldBe(o.Paid == o.Total && o.State != PurchaseOrderState.Rejected && o.Lines.Count > 0 && o.Paid > 0, o.Number);
                var posted = moves.Where(m => m.DocumentType == PurchaseOrder.DocumentType && m.DocumentId == o.Id).OrderBy(m => m.DocumentLine).Select(m => (m.ProductId, m.Quantity)).ToList();
                posted.ShouldBe(o.State is PurchaseOrderState.Approved or PurchaseOrderState.Paid ? o.Lines.OrderBy(l => l.LineNo).Select(l => (l.ProductId, l.Quantity)).ToList() : [], o.Number);
            }

            var sales = await db.SalesOrders.AsNoTracking().Include(o => o.Lines).ToListAsync();
            var receipts = await db.Receipts.AsNoTracking().ToListAsync();
            foreach (var o in sales)
            {
                o.Total.ShouldBe(o.Lines.Sum(l => Math.Round(l.Quantity * l.UnitPrice * l.Discount, 2, MidpointRounding.AwayFromZero)), o.Number);
                o.Received.ShouldBe(receipts.Where(r => r.SalesOrderId == o.Id).Sum(r => r.Amount), o.Number);
                receipts.Where(r => r.SalesOrderId == o.Id).ShouldAllBe(r => r.CustomerId == o.CustomerId);
                var posted = moves.Where(m => m.DocumentType == SalesOrder.DocumentType && m.DocumentId == o.Id).OrderBy(m => m.DocumentLine).Select(m => (m.ProductId, m.Quantity)).ToList();
                posted.ShouldBe(o.State is SalesOrderState.Approved or SalesOrderState.Collected ? o.Lines.OrderBy(l => l.LineNo).Select(l => (l.ProductId, -l.Quantity)).ToList() : [], o.Number);
            }
            payments.Sum(p => p.Amount).ShouldBe(purchases.Sum(o => o.Paid));
            receipts.Sum(r => r.Amount).ShouldBe(sales.Sum(o => o.Received));
            return true;
        });
        var mine = await app.WithDbAsync(db => db.SalesOrders.AsNoTracking().SingleAsync(o => o.Id == so));
        (mine.Total, mine.Received, mine.Outstanding).ShouldBe((198m, 50m, 148m));
        (await app.WithDbAsync(db => db.PurchaseOrders.AsNoTracking().SingleAsync(o => o.Id == po))).State.ShouldBe(PurchaseOrderState.Paid);
    }

    private static async Task OkAsync(HttpClient api, long task, object body)
    {
        using var response = await api.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

public sealed class ReconciliationTestsOnSqlite(SqliteApp app) : ReconciliationTests(app), IClassFixture<SqliteApp>;

public sealed class ReconciliationTestsOnPostgres(PostgresApp app) : ReconciliationTests(app), IClassFixture<PostgresApp>;
