using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Trade;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Trade;

/// <summary>应收应付 (the balances page and API) and the orders and money on a company's page. The
/// orders are made through the entities' own transitions (the workflow's tests cover how they get
/// there); what each should owe is worked out here from how it was made.</summary>
public abstract class BalancesTests(KehuApp app)
{
    /// <summary>How far an order got: only <see cref="Approved"/> and <see cref="PartlySettled"/> still owe.</summary>
    private enum Fate
    {
        Draft,
        Review,
        Returned,
        Rejected,
        Approved,
        PartlySettled,
        Settled,
    }

    private static readonly Fate[] EveryFate = Enum.GetValues<Fate>();

    private sealed record Made(long CompanyId, bool Sale, Fate Fate, long OrderId, string Number, decimal Total, decimal Settled, string? MoneyNumber);

    private sealed record Company(long Id, string Code, string Name);

    private static string Token() => "t" + Guid.NewGuid().ToString("N")[..8];

    private static string Money(decimal m) => m.ToString("N2", CultureInfo.InvariantCulture);

    private async Task<Company> CompanyAsync(string token, string label, bool customer, bool supplier)
    {
        using var admin = await app.ApiAsAsync("admin");
        var roles = new List<string>();
        if (customer) roles.Add("customer");
        if (supplier) roles.Add("supplier");
        using var response = await admin.PostAsJsonAsync("/api/v1/companies", new { name = $"往来{label}{token}", roles, ownerId = await app.UserIdAsync("xiaolin") });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadObjectAsync();
        return new Company(body["id"]!.GetValue<long>(), body["code"]!.GetValue<string>(), body["name"]!.GetValue<string>());
    }

    /// <summary>One order of <paramref name="quantity"/> × <paramref name="price"/> taken to <paramref name="fate"/>;
    /// a part settled is a third of it, in cents.</summary>
    private async Task<Made> OrderAsync(long companyId, bool sale, Fate fate, decimal quantity, decimal price)
    {
        var salesperson = await app.UserIdAsync("xiaolin");
        var purchaser = await app.UserIdAsync("xiaowang");
        var finance = await app.UserIdAsync("qianjingli");
        return await app.WithDbAsync(async db =>
        {
            var product = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var number = "T" + Guid.NewGuid().ToString("N")[..20];
            var lines = new[] { new OrderLineDetails(product, quantity, price, 1m) };
            var total = decimal.Round(quantity * price, 2, MidpointRounding.AwayFromZero);
            var settled = fate switch
            {
                Fate.PartlySettled => decimal.Round(total / 3, 2),
                Fate.Settled => total,
                _ => 0m,
            };
            string? moneyNumber = null;
            if (sale)
            {
                var order = new SalesOrder(number, salesperson, new SalesOrderDetails(today, companyId, null, lines));
                db.SalesOrders.Add(order);
                if (fate != Fate.Draft) order.Submit();
                if (fate == Fate.Returned) order.ReturnToSalesperson();
                if (fate == Fate.Rejected) order.Reject();
                if (fate >= Fate.Approved) order.Approve();
                await db.SaveChangesAsync();
                if (settled > 0)
                {
                    moneyNumber = "R" + number;
                    db.Receipts.Add(new Receipt(moneyNumber, order, new Settlement(settled, PaymentMethod.BankTransfer, today, finance)));
                    order.RecordReceipt(settled);
                    await db.SaveChangesAsync();
                }
                return new Made(companyId, true, fate, order.Id, number, total, settled, moneyNumber);
            }
            else
            {
                var order = new PurchaseOrder(number, purchaser, new PurchaseOrderDetails(today, companyId, null, lines));
                db.PurchaseOrders.Add(order);
                if (fate != Fate.Draft) order.Submit();
                if (fate == Fate.Returned) order.ReturnToPurchaser();
                if (fate == Fate.Rejected) order.Reject();
                if (fate >= Fate.Approved) order.Approve();
                await db.SaveChangesAsync();
                if (settled > 0)
                {
                    moneyNumber = "P" + number;
                    db.Payments.Add(new Payment(moneyNumber, order, settled, PaymentMethod.Cash, today, finance));
                    order.RecordPayment(settled);
                    await db.SaveChangesAsync();
                }
                return new Made(companyId, false, fate, order.Id, number, total, settled, moneyNumber);
            }
        });
    }

    /// <summary>Four companies, each with an order in every state on its sides: A a customer, B
    /// customer and supplier, C a supplier, D both but with nothing open (only drafts, orders in
    /// review, returned, rejected, fully collected and fully paid ones).</summary>
    private async Task<(string Token, Company A, Company B, Company C, Company D, List<Made> Orders)> GenerateAsync(int seed)
    {
        var token = Token();
        var a = await CompanyAsync(token, "甲", customer: true, supplier: false);
        var b = await CompanyAsync(token, "乙", customer: true, supplier: true);
        var c = await CompanyAsync(token, "丙", customer: false, supplier: true);
        var d = await CompanyAsync(token, "丁", customer: true, supplier: true);
        var random = new Random(seed);
        decimal Price() => random.Next(100, 500_000) / 100m;
        decimal Quantity() => random.Next(1, 40);
        var made = new List<Made>();
        foreach (var (company, sale) in new[] { (a, true), (b, true), (b, false), (c, false) })
        {
            foreach (var fate in EveryFate)
                made.Add(await OrderAsync(company.Id, sale, fate, Quantity(), Price()));
            // A second open order each, so the sums add up more than one row.
            made.Add(await OrderAsync(company.Id, sale, random.Next(2) == 0 ? Fate.Approved : Fate.PartlySettled, Quantity(), Price()));
        }
        foreach (var fate in new[] { Fate.Draft, Fate.Review, Fate.Returned, Fate.Rejected, Fate.Settled })
        {
            made.Add(await OrderAsync(d.Id, true, fate, Quantity(), Price()));
            made.Add(await OrderAsync(d.Id, false, fate, Quantity(), Price()));
        }
        return (token, a, b, c, d, made);
    }

    private static decimal Owed(IEnumerable<Made> orders, long companyId, bool sale) =>
        orders.Where(o => o.CompanyId == companyId && o.Sale == sale && o.Fate is Fate.Approved or Fate.PartlySettled).Sum(o => o.Total - o.Settled);

    private static decimal OpenTotal(IEnumerable<Made> orders, long companyId, bool sale) =>
        orders.Where(o => o.CompanyId == companyId && o.Sale == sale && o.Fate is Fate.Approved or Fate.PartlySettled).Sum(o => o.Total);

    private static async Task<JsonObject> GetAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private static Dictionary<long, JsonNode> ById(JsonObject list) =>
        list["items"]!.AsArray().ToDictionary(x => x!["companyId"]!.GetValue<long>(), x => x!);

    [Fact]
    public async Task Api_SumsOnlyApprovedOrdersStillOwed_PerCompany_AndLeavesOutCompaniesThatOweNothing()
    {
        var (token, a, b, c, d, orders) = await GenerateAsync(seed: 5);
        using var qian = await app.ApiAsAsync("qianjingli");

        var all = await GetAsync(qian, $"/api/v1/balances?q={token}");

        var rows = ById(all);
        rows.Keys.Order().ShouldBe(new[] { a.Id, b.Id, c.Id }.Order());
        rows.ContainsKey(d.Id).ShouldBeFalse();
        foreach (var company in new[] { a, b, c })
        {
            var row = rows[company.Id];
            row["code"]!.GetValue<string>().ShouldBe(company.Code);
            row["name"]!.GetValue<string>().ShouldBe(company.Name);
            row["receivable"]!.GetValue<decimal>().ShouldBe(Owed(orders, company.Id, sale: true), company.Name);
            row["salesTotal"]!.GetValue<decimal>().ShouldBe(OpenTotal(orders, company.Id, sale: true), company.Name);
            row["received"]!.GetValue<decimal>().ShouldBe(OpenTotal(orders, company.Id, sale: true) - Owed(orders, company.Id, sale: true), company.Name);
            row["payable"]!.GetValue<decimal>().ShouldBe(Owed(orders, company.Id, sale: false), company.Name);
            row["purchaseTotal"]!.GetValue<decimal>().ShouldBe(OpenTotal(orders, company.Id, sale: false), company.Name);
            row["paid"]!.GetValue<decimal>().ShouldBe(OpenTotal(orders, company.Id, sale: false) - Owed(orders, company.Id, sale: false), company.Name);
        }
        all["total"]!.GetValue<int>().ShouldBe(3);
        all["totals"]!["receivable"]!.GetValue<decimal>().ShouldBe(Owed(orders, a.Id, true) + Owed(orders, b.Id, true));
        all["totals"]!["payable"]!.GetValue<decimal>().ShouldBe(Owed(orders, b.Id, false) + Owed(orders, c.Id, false));

        var receivables = await GetAsync(qian, $"/api/v1/balances?q={token}&kind=receivable");
        ById(receivables).Keys.Order().ShouldBe(new[] { a.Id, b.Id }.Order());
        ById(receivables)[b.Id]["payable"]!.GetValue<decimal>().ShouldBe(0m);
        var payables = await GetAsync(qian, $"/api/v1/balances?q={token}&kind=payable");
        ById(payables).Keys.Order().ShouldBe(new[] { b.Id, c.Id }.Order());
        payables["totals"]!["payable"]!.GetValue<decimal>().ShouldBe(Owed(orders, b.Id, false) + Owed(orders, c.Id, false));
    }

    [Fact]
    public async Task Api_GrandTotalsWithoutAFilter_EqualTheOpenOrdersOfTheWholeDatabase()
    {
        await GenerateAsync(seed: 11);
        using var admin = await app.ApiAsAsync("admin");

        var all = await GetAsync(admin, "/api/v1/balances");

        // Read back as plain rows and summed here, whatever else the database holds (demo data too).
        var sales = await app.WithDbAsync(db => db.SalesOrders.AsNoTracking().Where(o => o.State == SalesOrderState.Approved).Select(o => new { o.CustomerId, o.Total, o.Received }).ToListAsync());
        var purchases = await app.WithDbAsync(db => db.PurchaseOrders.AsNoTracking().Where(o => o.State == PurchaseOrderState.Approved).Select(o => new { o.SupplierId, o.Total, o.Paid }).ToListAsync());
        all["totals"]!["receivable"]!.GetValue<decimal>().ShouldBe(sales.Sum(o => o.Total - o.Received));
        all["totals"]!["received"]!.GetValue<decimal>().ShouldBe(sales.Sum(o => o.Received));
        all["totals"]!["payable"]!.GetValue<decimal>().ShouldBe(purchases.Sum(o => o.Total - o.Paid));
        all["totals"]!["paid"]!.GetValue<decimal>().ShouldBe(purchases.Sum(o => o.Paid));
        var owing = sales.GroupBy(o => o.CustomerId).Where(g => g.Sum(o => o.Total - o.Received) != 0).Select(g => g.Key)
            .Union(purchases.GroupBy(o => o.SupplierId).Where(g => g.Sum(o => o.Total - o.Paid) != 0).Select(g => g.Key));
        all["total"]!.GetValue<int>().ShouldBe(owing.Count());
    }

    [Fact]
    public async Task Api_SortedByReceivable_PagesThroughEveryCompanyOnceInAmountOrder()
    {
        var (token, a, b, _, _, orders) = await GenerateAsync(seed: 23);
        var extra = await CompanyAsync(token, "戊", customer: true, supplier: false);
        orders.Add(await OrderAsync(extra.Id, true, Fate.Approved, 1, 12.34m));
        using var qian = await app.ApiAsAsync("qianjingli");

        var seen = new List<(long Id, decimal Receivable)>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(qian, $"/api/v1/balances?q={token}&kind=receivable&sort=receivable&dir=asc&limit=1" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page["items"]!.AsArray().Select(x => (x!["companyId"]!.GetValue<long>(), x["receivable"]!.GetValue<decimal>())));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null && seen.Count < 10);

        var expected = new[] { a.Id, b.Id, extra.Id }.Select(id => (Id: id, Receivable: Owed(orders, id, true)))
            .OrderBy(x => x.Receivable).ThenBy(x => x.Id).ToList();
        seen.ShouldBe(expected);
    }

    [Fact]
    public async Task Page_ShowsTheFinanceManagerBothColumnsTotalsAndLinksToTheCompanies()
    {
        var (token, a, b, c, _, orders) = await GenerateAsync(seed: 31);
        using var qian = await app.BrowserAsAsync("qianjingli");

        var doc = await qian.GetDocumentAsync($"/trade/balances?q={token}");

        doc.QuerySelector("#nav-balances").ShouldNotBeNull();
        doc.QuerySelector("#col-receivable").ShouldNotBeNull();
        doc.QuerySelector("#col-payable").ShouldNotBeNull();
        var rows = doc.QuerySelectorAll("#balances-table tbody tr").ToDictionary(r => long.Parse(r.GetAttribute("data-company-id")!, CultureInfo.InvariantCulture));
        rows.Keys.Order().ShouldBe(new[] { a.Id, b.Id, c.Id }.Order());
        rows[b.Id].QuerySelector(".receivable")!.TextContent.ShouldBe(Money(Owed(orders, b.Id, true)));
        rows[b.Id].QuerySelector(".payable")!.TextContent.ShouldBe(Money(Owed(orders, b.Id, false)));
        rows[c.Id].QuerySelector("a")!.GetAttribute("href").ShouldBe($"/customers/companies/{c.Id}");
        doc.QuerySelector("#total-receivable")!.TextContent.ShouldBe(Money(Owed(orders, a.Id, true) + Owed(orders, b.Id, true)));
        doc.QuerySelector("#total-payable")!.TextContent.ShouldBe(Money(Owed(orders, b.Id, false) + Owed(orders, c.Id, false)));
    }

    [Fact]
    public async Task Salesperson_IsRefusedThePageAndTheApi_AndHasNoMenuEntry()
    {
        using var lin = await app.BrowserAsAsync("xiaolin");
        using var linApi = await app.ApiAsAsync("xiaolin");

        using var page = await lin.Http.GetAsync("/trade/balances");
        using var api = await linApi.GetAsync("/api/v1/balances");

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/denied");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await lin.GetDocumentAsync("/")).QuerySelector("#nav-balances").ShouldBeNull();
    }

    [Fact]
    public async Task SalesManager_SeesReceivablesOnly_WithoutThePayableColumn()
    {
        var (token, a, b, c, _, orders) = await GenerateAsync(seed: 47);
        using var zhao = await app.BrowserAsAsync("zhaojingli");
        using var zhaoApi = await app.ApiAsAsync("zhaojingli");

        var doc = await zhao.GetDocumentAsync($"/trade/balances?q={token}&kind=payable");
        var api = await GetAsync(zhaoApi, $"/api/v1/balances?q={token}&kind=payable");

        doc.QuerySelector("#col-receivable").ShouldNotBeNull();
        doc.QuerySelector("#col-payable").ShouldBeNull();
        doc.QuerySelector("#total-payable").ShouldBeNull();
        doc.QuerySelectorAll("#balances-table tbody tr").Select(r => long.Parse(r.GetAttribute("data-company-id")!, CultureInfo.InvariantCulture)).Order()
            .ShouldBe(new[] { a.Id, b.Id }.Order());
        api["kind"]!.GetValue<string>().ShouldBe("receivable");
        var rows = ById(api);
        rows.Keys.ShouldNotContain(c.Id);
        rows[b.Id]["receivable"]!.GetValue<decimal>().ShouldBe(Owed(orders, b.Id, true));
        rows[b.Id]["payable"].ShouldBeNull();
        api["totals"]!["payable"].ShouldBeNull();
    }

    [Fact]
    public async Task PurchaseManager_SeesPayablesOnly_EvenWhenAskingForReceivables()
    {
        var (token, _, b, c, _, orders) = await GenerateAsync(seed: 61);
        using var cai = await app.ApiAsAsync("caijingli");
        using var caiPage = await app.BrowserAsAsync("caijingli");

        var api = await GetAsync(cai, $"/api/v1/balances?q={token}&kind=receivable&sort=receivable");
        var doc = await caiPage.GetDocumentAsync($"/trade/balances?q={token}");

        api["kind"]!.GetValue<string>().ShouldBe("payable");
        var rows = ById(api);
        rows.Keys.Order().ShouldBe(new[] { b.Id, c.Id }.Order());
        rows[b.Id]["payable"]!.GetValue<decimal>().ShouldBe(Owed(orders, b.Id, false));
        rows[b.Id]["receivable"].ShouldBeNull();
        api["totals"]!["receivable"].ShouldBeNull();
        doc.QuerySelector("#col-receivable").ShouldBeNull();
        doc.QuerySelector("#col-payable").ShouldNotBeNull();
        doc.QuerySelector("#f-kind").ShouldBeNull();
    }

    [Fact]
    public async Task CompanyPage_ShowsTheFinanceManagerItsSalesOrdersReceiptsPurchasesAndBalance()
    {
        var (_, _, b, _, _, orders) = await GenerateAsync(seed: 53);
        using var qian = await app.BrowserAsAsync("qianjingli");

        var doc = await qian.GetDocumentAsync($"/customers/companies/{b.Id}");

        var sales = orders.Where(o => o.CompanyId == b.Id && o.Sale).ToList();
        var salesSection = doc.QuerySelector("#sales-orders")!;
        salesSection.QuerySelectorAll("tbody tr").Length.ShouldBe(sales.Count);
        foreach (var o in sales)
            salesSection.QuerySelector($"a[href='/sales/orders/{o.OrderId}']")!.TextContent.ShouldBe(o.Number);
        salesSection.QuerySelector($"a[href='/sales/orders?customerId={b.Id}']").ShouldNotBeNull();
        var receipts = doc.QuerySelector("#receipts")!.TextContent;
        foreach (var o in sales.Where(o => o.MoneyNumber is not null))
        {
            receipts.ShouldContain(o.MoneyNumber!);
            receipts.ShouldContain(Money(o.Settled));
        }
        var purchases = orders.Where(o => o.CompanyId == b.Id && !o.Sale).ToList();
        doc.QuerySelector("#purchase-orders")!.QuerySelectorAll("tbody tr").Length.ShouldBe(purchases.Count);
        doc.QuerySelector($"#purchase-orders a[href='/purchasing/orders?supplierId={b.Id}']").ShouldNotBeNull();
        doc.QuerySelector("#payments")!.TextContent.ShouldContain(purchases.First(o => o.MoneyNumber is not null).MoneyNumber!);
        doc.QuerySelector("#company-balance-receivable")!.TextContent.ShouldBe(Money(Owed(orders, b.Id, true)));
        doc.QuerySelector("#company-balance-payable")!.TextContent.ShouldBe(Money(Owed(orders, b.Id, false)));
    }

    [Fact]
    public async Task CompanyPage_ShowsTheSalespersonSalesOrdersButNoPurchasesPaymentsOrBalance()
    {
        var (_, _, b, _, _, orders) = await GenerateAsync(seed: 59);
        using var lin = await app.BrowserAsAsync("xiaolin");

        var doc = await lin.GetDocumentAsync($"/customers/companies/{b.Id}");

        doc.QuerySelector("#sales-orders")!.QuerySelectorAll("tbody tr").Length.ShouldBe(orders.Count(o => o.CompanyId == b.Id && o.Sale));
        doc.QuerySelector("#receipts").ShouldNotBeNull();
        doc.QuerySelector("#purchase-orders").ShouldBeNull();
        doc.QuerySelector("#payments").ShouldBeNull();
        doc.QuerySelector("#company-balance").ShouldBeNull();
        foreach (var o in orders.Where(o => o.CompanyId == b.Id && !o.Sale))
            doc.Body!.InnerHtml.ShouldNotContain(o.Number);
    }
}

public sealed class BalancesTestsOnSqlite(SqliteApp app) : BalancesTests(app), IClassFixture<SqliteApp>;

public sealed class BalancesTestsOnPostgres(PostgresApp app) : BalancesTests(app), IClassFixture<PostgresApp>;
