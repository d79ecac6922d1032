using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Trade;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kehu.IntegrationTests.Modules.Sales.SalesOrderTestData;

namespace Kehu.IntegrationTests.Modules.Analytics;

/// <summary>
/// The sales month sums (<see cref="SalesMonthSum"/>) against a GROUP BY over the sold orders' lines
/// and 出库 moves worked out here, and the day sums (<see cref="SalesDaySum"/>) against the sold orders
/// per day, after every way an order starts or stops counting; sales by product, which reads the month
/// sums for whole months, against the lines for periods cut anywhere in a month; and the sales series,
/// which reads the day sums, against the orders.
/// </summary>
public abstract class SalesMonthSumsTests(KehuApp app)
{
    private static readonly ConditionalWeakTable<KehuApp, Task<Seed>> Seeds = new();

    private sealed record Seed(long Customer, long P1, long P2, long HiddenOrder);

    private Task<Seed> SeedAsync() => Seeds.GetValue(app, _ => MakeSeedAsync());

    private static async Task<long> OrderAsync(HttpClient lin, DateOnly date, long customer, params object[] lines) =>
        (await CreateOrderAsync(lin, new { orderDate = date.ToString("yyyy-MM-dd"), customerId = customer, lines }))["id"]!.GetValue<long>();

    private static async Task ActAsync(HttpClient who, long task, object body)
    {
        using var r = await who.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", body);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
    }

    /// <summary>Orders from November 2021 to March 2022 on each month's first, second, 15th,
    /// second-to-last and last days, approved through the workflow (so their goods are issued at
    /// cost), some collected; and, added directly, an approved order of 赵经理's for a customer 小林
    /// may not see.</summary>
    private async Task<Seed> MakeSeedAsync()
    {
        var customer = await CustomerAsync(app);
        var p1 = await StockedProductAsync(app, onHand: 1000, salePrice: 20m, cost: 12m);
        var p2 = await StockedProductAsync(app, onHand: 1000, salePrice: 7.5m, cost: 3.35m);
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var n = 0;
        for (var month = new DateOnly(2021, 11, 1); month <= new DateOnly(2022, 3, 1); month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            foreach (var day in new[] { month, month.AddDays(1), month.AddDays(14), end.AddDays(-1), end })
            {
                n++;
                var id = await OrderAsync(lin, day, customer,
                    new { productId = p1, quantity = n % 3 + 1, discount = n % 2 == 0 ? 0.9m : 1m }, new { productId = p2, quantity = n % 4 + 1 });
                await ActAsync(zhao, await SubmitOrderAsync(lin, id), new { action = "approve" });
                if (n % 4 == 0) await ActAsync(qian, (await PendingTaskAsync(app, id))!.Value, new { action = "collect", fields = new { receiptAmount = 10m, receiptMethod = "bank" } });
            }
        }
        var linId = await app.UserIdAsync("xiaolin");
        var zhaoId = await app.UserIdAsync("zhaojingli");
        var hidden = await app.WithDbAsync(async db =>
        {
            var other = await db.Companies.Where(c => c.IsCustomer && c.OwnerId != linId && !c.Shares.Any(s => s.UserId == linId)).Select(c => c.Id).FirstAsync();
            var order = new SalesOrder("T" + Guid.NewGuid().ToString("N")[..18], zhaoId,
                new SalesOrderDetails(new DateOnly(2022, 1, 20), other, null, [new OrderLineDetails(p1, 9, 30m, 1m)]));
            db.SalesOrders.Add(order);
            order.Submit();
            order.Approve();
            await db.SaveChangesAsync();
            return order.Id;
        });
        return new Seed(customer, p1, p2, hidden);
    }

    /// <summary>The month sums as they should be: the sold orders' lines, and their 出库 moves' cost,
    /// per month of the order and product, as text for comparison.</summary>
    private Task<List<string>> ExpectedSumsAsync() => app.WithDbAsync(async db =>
    {
        var orders = await db.SalesOrders.AsNoTracking().Include(o => o.Lines).Where(SalesOrder.IsSale).ToListAsync();
        var ids = orders.Select(o => o.Id).ToHashSet();
        var moves = (await db.StockMoves.AsNoTracking().Where(m => m.DocumentType == SalesOrder.DocumentType).ToListAsync())
            .Where(m => ids.Contains(m.DocumentId)).ToList();
        var month = orders.ToDictionary(o => o.Id, o => new DateOnly(o.OrderDate.Year, o.OrderDate.Month, 1));
        var costs = moves.GroupBy(m => (Month: month[m.DocumentId], m.ProductId)).ToDictionary(g => g.Key, g => -g.Sum(m => m.Amount));
        return orders.SelectMany(o => o.Lines.Select(l => (Month: month[o.Id], l.ProductId, l.Quantity, l.Amount)))
            .GroupBy(l => (l.Month, l.ProductId))
            .Select(g => Row(g.Key.Month, g.Key.ProductId, g.Count(), g.Sum(l => l.Quantity), g.Sum(l => l.Amount), costs.GetValueOrDefault(g.Key)))
            .Order(StringComparer.Ordinal).ToList();
    });

    private Task<List<string>> KeptSumsAsync() => app.WithDbAsync(async db =>
        (await db.SalesMonthSums.AsNoTracking().ToListAsync())
        .Select(s => Row(s.Month, s.ProductId, s.Lines, s.QuantityThousandths / 1000m, s.AmountCents / 100m, s.CostCents / 100m))
        .Order(StringComparer.Ordinal).ToList());

    private static string Row(DateOnly month, long product, int lines, decimal quantity, decimal amount, decimal cost) =>
        FormattableString.Invariant($"{month:yyyy-MM} {product} {lines} {quantity:0.000} {amount:0.00} {cost:0.00}");

    /// <summary>The day sums as they should be: the sold orders per 日期, counted, and their totals.</summary>
    private Task<List<string>> ExpectedDaySumsAsync() => app.WithDbAsync(async db =>
        (await db.SalesOrders.AsNoTracking().Where(SalesOrder.IsSale).Select(o => new { o.OrderDate, o.Total }).ToListAsync())
        .GroupBy(o => o.OrderDate)
        .Select(g => DayRow(g.Key, g.Count(), g.Sum(o => o.Total)))
        .Order(StringComparer.Ordinal).ToList());

    private Task<List<string>> KeptDaySumsAsync() => app.WithDbAsync(async db =>
        (await db.SalesDaySums.AsNoTracking().ToListAsync())
        .Select(s => DayRow(s.Day, s.Orders, s.AmountCents / 100m))
        .Order(StringComparer.Ordinal).ToList());

    private static string DayRow(DateOnly day, int orders, decimal amount) => FormattableString.Invariant($"{day:yyyy-MM-dd} {orders} {amount:0.00}");

    private async Task SumsEqualTheLinesAsync(string after)
    {
        (await KeptSumsAsync()).ShouldBe(await ExpectedSumsAsync(), after);
        (await KeptDaySumsAsync()).ShouldBe(await ExpectedDaySumsAsync(), "day sums " + after);
    }

    [Fact]
    public async Task Sums_EqualTheSoldLinesPerMonth_AfterApproveCollectRejectReturnEditAndDelete()
    {
        var seed = await SeedAsync();
        await SumsEqualTheLinesAsync("after the seed's approvals and collections");
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var day = new DateOnly(2022, 4, 10);
        var before = await KeptSumsAsync();

        var rejected = await OrderAsync(lin, day, seed.Customer, new { productId = seed.P1, quantity = 2 });
        await ActAsync(zhao, await SubmitOrderAsync(lin, rejected), new { action = "reject", opinion = "价格太低" });
        var returned = await OrderAsync(lin, day, seed.Customer, new { productId = seed.P2, quantity = 1 });
        await ActAsync(zhao, await SubmitOrderAsync(lin, returned), new { action = "return", opinion = "再确认" });
        var draft = await OrderAsync(lin, day, seed.Customer, new { productId = seed.P1, quantity = 5 });
        var inReview = await OrderAsync(lin, day, seed.Customer, new { productId = seed.P2, quantity = 6 });
        await SubmitOrderAsync(lin, inReview);
        (await KeptSumsAsync()).ShouldBe(before, "drafts, orders in review, returned and rejected orders never count");

        var back = await ReadOrderAsync(lin, returned);
        using (var edit = await lin.PutAsJsonAsync($"/api/v1/sales-orders/{returned}", new
        {
            orderDate = "2022-04-30", customerId = seed.Customer, version = back["version"]!.GetValue<int>(),
            lines = new object[] { new { productId = seed.P2, quantity = 4, unitPrice = 8.8m, discount = 0.95m }, new { productId = seed.P1, quantity = 1 } },
        }))
        {
            edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        }
        await ActAsync(zhao, await SubmitOrderAsync(lin, returned), new { action = "approve" });
        await SumsEqualTheLinesAsync("after a returned order was edited and approved");
        (await KeptSumsAsync()).ShouldContain(s => s.StartsWith("2022-04 ", StringComparison.Ordinal));

        await ActAsync(qian, (await PendingTaskAsync(app, returned))!.Value, new { action = "collect", fields = new { receiptAmount = 1m, receiptMethod = "bank" } });
        var outstanding = (await ReadOrderAsync(lin, returned))["total"]!.GetValue<decimal>() - 1m;
        await ActAsync(qian, (await PendingTaskAsync(app, returned))!.Value, new { action = "collect", fields = new { receiptAmount = outstanding, receiptMethod = "bank" } });
        (await ReadOrderAsync(lin, returned))["state"]!.GetValue<string>().ShouldBe("collected");
        await SumsEqualTheLinesAsync("after collecting: 已收款 still counts, once");

        var draftVersion = (await ReadOrderAsync(lin, draft))["version"]!.GetValue<int>();
        using (var delete = await lin.DeleteAsync($"/api/v1/sales-orders/{draft}?version={draftVersion}"))
        {
            delete.StatusCode.ShouldBe(HttpStatusCode.NoContent, await delete.Content.ReadAsStringAsync());
        }
        await SumsEqualTheLinesAsync("after a draft was deleted");

        // No step of the workflow takes an order out of 待收款/已收款; saved any other way, it still leaves the sums.
        var (direct, gone) = await app.WithDbAsync(async db =>
        {
            var zhaoId = await db.Users.Where(u => u.NormalizedUserName == "zhaojingli").Select(u => u.Id).SingleAsync();
            SalesOrder Approved(DateOnly date, decimal quantity)
            {
                var order = new SalesOrder("T" + Guid.NewGuid().ToString("N")[..18], zhaoId,
                    new SalesOrderDetails(date, seed.Customer, null, [new OrderLineDetails(seed.P1, quantity, 21m, 1m), new OrderLineDetails(seed.P2, 1, 9m, 0.9m)]));
                db.SalesOrders.Add(order);
                order.Submit();
                order.Approve();
                return order;
            }
            var a = Approved(new DateOnly(2022, 4, 11), 3);
            var b = Approved(new DateOnly(2022, 5, 1), 4);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        await SumsEqualTheLinesAsync("after approved orders were added directly");
        await app.WithDbAsync(async db =>
        {
            var order = await db.SalesOrders.SingleAsync(o => o.Id == direct);
            db.Entry(order).Property(o => o.State).CurrentValue = SalesOrderState.Rejected;
            await db.SaveChangesAsync();
        });
        await SumsEqualTheLinesAsync("after an approved order stopped counting");
        await app.WithDbAsync(async db =>
        {
            db.SalesOrders.Remove(await db.SalesOrders.Include(o => o.Lines).SingleAsync(o => o.Id == gone));
            await db.SaveChangesAsync();
        });
        await SumsEqualTheLinesAsync("after an approved order was deleted");
        (await KeptSumsAsync()).ShouldNotContain(s => s.StartsWith("2022-05 ", StringComparison.Ordinal), "a month left without lines loses its rows");
        (await KeptDaySumsAsync()).ShouldNotContain(s => s.StartsWith("2022-05-01 ", StringComparison.Ordinal), "a day left without orders loses its row");
    }

    [Fact]
    public async Task Backfill_RebuildsTheSumsFromTheSoldOrders_Once()
    {
        await SeedAsync();
        var kept = await KeptSumsAsync();
        kept.ShouldBe(await ExpectedSumsAsync());

        await app.WithDbAsync(db => db.SalesMonthSums.ExecuteDeleteAsync());
        var filled = await app.WithDbAsync(db => new SalesMonthSumsBackfill().RunAsync(db, new Progress<int>(), CancellationToken.None));

        filled.ShouldBe(kept.Count);
        (await KeptSumsAsync()).ShouldBe(await ExpectedSumsAsync(), "rebuilt from the sold orders and their moves");
        (await app.WithDbAsync(db => new SalesMonthSumsBackfill().RunAsync(db, new Progress<int>(), CancellationToken.None))).ShouldBe(0, "nothing left to fill");
    }

    [Fact]
    public async Task DayBackfill_RebuildsTheDaySumsFromTheSoldOrders_Once()
    {
        await SeedAsync();
        var kept = await KeptDaySumsAsync();
        kept.ShouldBe(await ExpectedDaySumsAsync());

        await app.WithDbAsync(db => db.SalesDaySums.ExecuteDeleteAsync());
        var filled = await app.WithDbAsync(db => new SalesDaySumsBackfill().RunAsync(db, new Progress<int>(), CancellationToken.None));

        filled.ShouldBe(kept.Count);
        (await KeptDaySumsAsync()).ShouldBe(await ExpectedDaySumsAsync(), "rebuilt from the sold orders");
        (await app.WithDbAsync(db => new SalesDaySumsBackfill().RunAsync(db, new Progress<int>(), CancellationToken.None))).ShouldBe(0, "nothing left to fill");
    }

    /// <summary>The sold orders <paramref name="visible"/> keeps, dated from–to: how many and their total.</summary>
    private Task<(int Orders, decimal Amount)> ExpectedTotalAsync(DateOnly from, DateOnly to, Func<SalesOrder, bool>? visible = null) => app.WithDbAsync(async db =>
    {
        var orders = (await db.SalesOrders.AsNoTracking().Where(SalesOrder.IsSale).Where(o => o.OrderDate >= from && o.OrderDate <= to).ToListAsync())
            .Where(o => visible?.Invoke(o) ?? true).ToList();
        return (orders.Count, orders.Sum(o => o.Total));
    });

    /// <summary>Each bucket of the series against the orders of its own days, and both totals.</summary>
    private async Task ByPeriodEqualsTheOrdersAsync(HttpClient api, DateOnly from, DateOnly to, Func<SalesOrder, bool>? visible = null)
    {
        using var response = await api.GetAsync($"/api/v1/reports/sales/by-period?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.ReadObjectAsync();
        foreach (var b in report["buckets"]!.AsArray())
        {
            var expected = await ExpectedTotalAsync(DateOnly.Parse(b!["start"]!.GetValue<string>()), DateOnly.Parse(b["end"]!.GetValue<string>()), visible);
            (b["orders"]!.GetValue<int>(), b["amount"]!.GetValue<decimal>()).ShouldBe(expected, $"bucket {b["start"]}");
        }
        var total = await ExpectedTotalAsync(from, to, visible);
        (report["total"]!["orders"]!.GetValue<int>(), report["total"]!["amount"]!.GetValue<decimal>()).ShouldBe(total);
        var previous = await ExpectedTotalAsync(DateOnly.Parse(report["previousFrom"]!.GetValue<string>()), DateOnly.Parse(report["previousTo"]!.GetValue<string>()), visible);
        (report["previousTotal"]!["orders"]!.GetValue<int>(), report["previousTotal"]!["amount"]!.GetValue<decimal>()).ShouldBe(previous);
    }

    [Theory]
    [InlineData("2022-01-01", "2022-01-31")] // a whole month, against December
    [InlineData("2022-01-02", "2022-01-30")] // a month less its first and last days
    [InlineData("2021-11-15", "2022-03-16")] // mid-month to mid-month, by month
    [InlineData("2022-01-31", "2022-02-01")] // across a month boundary, against the two days before
    [InlineData("2021-12-01", "2022-02-28")] // three whole months, against the 90 days before
    [InlineData("2020-01-01", "2028-12-31")] // beyond every order
    public async Task ByPeriod_ForWhoSeesAll_ReadsTheDaySums_AndEqualsTheOrders(string from, string to)
    {
        await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");

        (await ExpectedTotalAsync(DateOnly.Parse(from), DateOnly.Parse(to))).Orders.ShouldBeGreaterThan(0);
        await ByPeriodEqualsTheOrdersAsync(admin, DateOnly.Parse(from), DateOnly.Parse(to));
    }

    [Fact]
    public async Task ByPeriod_ForASalesperson_IsHisOwnOrders_NotTheDaySums()
    {
        var seed = await SeedAsync();
        var linId = await app.UserIdAsync("xiaolin");
        var visibleCustomers = await app.WithDbAsync(db => db.Companies.Where(c => c.OwnerId == linId || c.Shares.Any(s => s.UserId == linId)).Select(c => c.Id).ToListAsync());
        bool His(SalesOrder o) => o.SalespersonId == linId || visibleCustomers.Contains(o.CustomerId);
        using var lin = await app.ApiAsAsync("xiaolin");
        var (from, to) = (new DateOnly(2022, 1, 1), new DateOnly(2022, 1, 31));

        (await ExpectedTotalAsync(from, to, His)).ShouldNotBe(await ExpectedTotalAsync(from, to), "赵经理's order for a customer 小林 may not see is in January");
        await ByPeriodEqualsTheOrdersAsync(lin, from, to, His);
        await app.WithDbAsync(async db => (await db.SalesOrders.AnyAsync(o => o.Id == seed.HiddenOrder && !visibleCustomers.Contains(o.CustomerId))).ShouldBeTrue());
    }

    /// <summary>What sales by product should say for the period, from the lines of the orders
    /// <paramref name="visible"/> keeps and the 出库 moves of those orders.</summary>
    private Task<List<string>> ExpectedProductsAsync(DateOnly from, DateOnly to, Func<SalesOrder, bool>? visible = null) => app.WithDbAsync(async db =>
    {
        var orders = (await db.SalesOrders.AsNoTracking().Include(o => o.Lines).Where(SalesOrder.IsSale).Where(o => o.OrderDate >= from && o.OrderDate <= to).ToListAsync())
            .Where(o => visible?.Invoke(o) ?? true).ToList();
        var ids = orders.Select(o => o.Id).ToHashSet();
        var costs = (await db.StockMoves.AsNoTracking().Where(m => m.DocumentType == SalesOrder.DocumentType).ToListAsync())
            .Where(m => ids.Contains(m.DocumentId)).GroupBy(m => m.ProductId).ToDictionary(g => g.Key, g => -g.Sum(m => m.Amount));
        return orders.SelectMany(o => o.Lines).GroupBy(l => l.ProductId)
            .Select(g => (Id: g.Key, Quantity: g.Sum(l => l.Quantity), Amount: g.Sum(l => l.Amount), Cost: costs.GetValueOrDefault(g.Key)))
            .OrderByDescending(x => x.Amount).ThenBy(x => x.Id)
            .Select(x => FormattableString.Invariant($"{x.Id} {x.Quantity:0.000} {x.Amount:0.00} {x.Cost:0.00} {x.Amount - x.Cost:0.00}"))
            .ToList();
    });

    private static async Task<List<string>> ReportedProductsAsync(HttpClient api, DateOnly from, DateOnly to)
    {
        using var response = await api.GetAsync($"/api/v1/reports/sales/by-product?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&limit=10000");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.ReadObjectAsync();
        var rows = report["rows"]!.AsArray();
        report["count"]!.GetValue<int>().ShouldBe(rows.Count);
        return rows.Select(r => FormattableString.Invariant(
            $"{r!["id"]!.GetValue<long>()} {r["quantity"]!.GetValue<decimal>():0.000} {r["amount"]!.GetValue<decimal>():0.00} {r["cost"]!.GetValue<decimal>():0.00} {r["margin"]!.GetValue<decimal>():0.00}")).ToList();
    }

    [Theory]
    [InlineData("2021-11-01", "2022-03-31")] // whole months only
    [InlineData("2021-11-02", "2022-03-30")] // most of each end month: its sum less a day
    [InlineData("2021-11-29", "2022-03-02")] // little of each end month: its days' lines
    [InlineData("2021-11-15", "2022-03-16")] // about half of each
    [InlineData("2022-01-01", "2022-01-31")] // one whole month
    [InlineData("2022-01-02", "2022-01-30")] // one month less a day at each end
    [InlineData("2022-01-05", "2022-01-20")] // the middle of one month
    [InlineData("2022-01-31", "2022-02-01")] // across a month boundary, a day each side
    [InlineData("2021-12-31", "2022-03-01")] // a day of each end month
    [InlineData("2020-01-01", "2028-12-31")] // beyond every order
    public async Task ByProduct_ForWhoSeesAll_EqualsTheLines_WhereverThePeriodStartsAndEnds(string from, string to)
    {
        await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");
        var (f, t) = (DateOnly.Parse(from), DateOnly.Parse(to));

        var expected = await ExpectedProductsAsync(f, t);

        expected.ShouldNotBeEmpty();
        (await ReportedProductsAsync(admin, f, t)).ShouldBe(expected);
    }

    [Fact]
    public async Task ByProduct_ForASalesperson_IsHisOwnLines_NotTheSums()
    {
        var seed = await SeedAsync();
        var linId = await app.UserIdAsync("xiaolin");
        var visibleCustomers = await app.WithDbAsync(db => db.Companies.Where(c => c.OwnerId == linId || c.Shares.Any(s => s.UserId == linId)).Select(c => c.Id).ToListAsync());
        using var lin = await app.ApiAsAsync("xiaolin");
        using var admin = await app.ApiAsAsync("admin");
        var (from, to) = (new DateOnly(2022, 1, 1), new DateOnly(2022, 1, 31));

        var his = await ExpectedProductsAsync(from, to, o => o.SalespersonId == linId || visibleCustomers.Contains(o.CustomerId));
        var all = await ExpectedProductsAsync(from, to);

        his.ShouldNotBe(all, "赵经理's order for a customer 小林 may not see is in January");
        (await ReportedProductsAsync(lin, from, to)).ShouldBe(his);
        (await ReportedProductsAsync(admin, from, to)).ShouldBe(all);
        await app.WithDbAsync(async db => (await db.SalesOrders.AnyAsync(o => o.Id == seed.HiddenOrder && o.SalespersonId != linId && !visibleCustomers.Contains(o.CustomerId))).ShouldBeTrue());
    }

    [Fact]
    public async Task SalesManager_SeesAllOrders_AndSoReadsTheSums_ASalespersonDoesNot()
    {
        await SeedAsync();
        using var scope = app.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<SalesOrderAccess>();
        var manager = (await access.VisibleAsync(await app.UserIdAsync("zhaojingli"), CancellationToken.None)).ShouldNotBeNull();
        SalesOrderAccess.IsAllOrders(manager).ShouldBeTrue();
        SalesOrderAccess.IsAllOrders(manager.Where(o => o.CustomerId > 0)).ShouldBeFalse("anything composed on it is another set of orders");
        SalesOrderAccess.IsAllOrders((await access.VisibleAsync(await app.UserIdAsync("xiaolin"), CancellationToken.None)).ShouldNotBeNull()).ShouldBeFalse();
    }
}

public sealed class SalesMonthSumsTestsOnSqlite(SqliteApp app) : SalesMonthSumsTests(app), IClassFixture<SqliteApp>;

public sealed class SalesMonthSumsTestsOnPostgres(PostgresApp app) : SalesMonthSumsTests(app), IClassFixture<PostgresApp>;
