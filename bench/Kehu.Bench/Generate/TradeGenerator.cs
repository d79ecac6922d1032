using System.Diagnostics;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Money;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Seeding;
using Kehu.Web.Platform.Text;

namespace Kehu.Bench.Generate;

public sealed record TradeOptions(
    DatabaseProvider Provider, string ConnectionString, int Orders, int LinesPerOrder, int Customers, int Products, int Years, int Seed);

public sealed record TradeResult(
    string Provider, TradeOptions Options, double TotalSeconds, IReadOnlyList<PhaseResult> Phases, IReadOnlyDictionary<string, long> FinalRowCounts);

/// <summary>
/// Fills a fresh database with years of trade for the analysis reports: suppliers, a product
/// catalogue, customers, 采购单 and 销售单 with their lines, 盘点, the stock ledger they post,
/// complaints with service tickets, and contact records — through the bulk path of
/// <see cref="BulkTarget"/>. The ledger is computed as <see cref="InventoryService"/> posts it: events
/// in time order, the app's own <see cref="Valuation.Apply"/> for the moving-average cost, and
/// purchases sized so stock never goes below zero. Deterministic for a seed and a day.
/// </summary>
public sealed class TradeGenerator(TradeOptions o, Action<string> logger) : LoadSteps(logger)
{
    private const int MaxExisting = 1000;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly string[] LoadedTables =
    [
        "companies", "company_name_grams", "contact_records", "product_categories", "products", "product_name_grams",
        "purchase_orders", "purchase_order_lines", "sales_orders", "sales_order_lines", "opening_stocks", "stock_adjustments",
        "stock_adjustment_lines", "stock_moves", "stock_balances", "stock_valuations", "complaints", "service_tickets",
    ];

    /// <summary>Tables whose id the database generates: PostgreSQL's sequences move on after the load.</summary>
    private static readonly string[] IdentityTables =
    [
        "companies", "contact_records", "product_categories", "products", "purchase_orders", "purchase_order_lines", "sales_orders",
        "sales_order_lines", "opening_stocks", "stock_adjustments", "stock_adjustment_lines", "stock_moves", "stock_balances",
        "complaints", "service_tickets",
    ];

    private static Column L(string name) => new(name, ColumnType.Long);
    private static Column I(string name) => new(name, ColumnType.Int);
    private static Column B(string name) => new(name, ColumnType.Bool);
    private static Column T(string name) => new(name, ColumnType.Text);
    private static Column At(string name) => new(name, ColumnType.Time);
    private static Column D(string name) => new(name, ColumnType.Date);
    private static Column M(string name) => new(name, ColumnType.Decimal);
    private static Column[] Audit => [I("version"), At("created_at"), L("created_by_id"), At("updated_at"), L("updated_by_id")];

    private static readonly Table Categories = new("product_categories", [L("id"), L("parent_id"), T("name"), I("sort_order"), B("is_active"), .. Audit]);
    private static readonly Table Products = new("products",
    [
        L("id"), T("code"), T("name"), T("normalized_name"), L("supplier_id"), T("barcode"), L("category_id"), L("sub_category_id"),
        T("specification"), L("unit_id"), M("purchase_price"), M("sale_price"), M("minimum_stock"), B("is_active"), T("notes"), .. Audit,
    ]);
    private static readonly Table ProductGrams = new("product_name_grams", [T("gram"), L("product_id")]);
    private static Table Order(string table, string party, string person, string settled) => new(table,
    [
        L("id"), T("number"), D("order_date"), L(party), L(person), T("notes"), I("state"), M("total"), M(settled), L("reviewer_id"),
        T("review_opinion"), D("review_date"), .. Audit,
    ]);
    private static readonly Table PurchaseOrders = Order("purchase_orders", "supplier_id", "purchaser_id", "paid");
    private static readonly Table SalesOrders = Order("sales_orders", "customer_id", "salesperson_id", "received");
    private static Table Lines(string table) => new(table,
        [L("id"), L("order_id"), I("line_no"), L("product_id"), M("quantity"), M("unit_price"), M("discount"), M("amount")]);
    private static readonly Table OpeningStocks = new("opening_stocks", [L("id"), T("number"), L("warehouse_id"), T("notes"), .. Audit]);
    private static readonly Table Adjustments = new("stock_adjustments",
    [
        L("id"), T("number"), L("warehouse_id"), D("counted_on"), L("counter_id"), T("notes"), I("state"), At("approved_at"), L("approved_by_id"), .. Audit,
    ]);
    private static readonly Table AdjustmentLines = new("stock_adjustment_lines",
        [L("id"), L("adjustment_id"), I("line_no"), L("product_id"), M("counted"), T("note"), M("on_hand"), M("difference"), M("unit_cost"), M("amount")]);
    private static readonly Table Moves = new("stock_moves",
    [
        L("id"), T("document_type"), L("document_id"), I("document_line"), T("document_number"), T("kind"), At("at"), L("product_id"),
        L("warehouse_id"), M("quantity"), M("unit_cost"), M("amount"), M("balance_after"), M("average_cost_after"), L("user_id"), T("note"),
    ]);
    private static readonly Table Balances = new("stock_balances", [L("id"), L("product_id"), L("warehouse_id"), M("quantity"), I("version")]);
    private static readonly Table Valuations = new("stock_valuations", [L("product_id"), M("quantity"), M("average_cost"), I("version")]);
    private static readonly Table Complaints = new("complaints",
    [
        L("id"), T("number"), L("company_id"), T("subject"), L("type_id"), L("channel_id"), L("urgency_id"), T("contact_name"), T("details"),
        L("received_by_id"), At("received_at"), I("state"), T("resolution"), At("closed_at"), .. Audit, L("product_id"),
    ]);
    private static readonly Table Tickets = new("service_tickets",
    [
        L("id"), T("number"), L("complaint_id"), L("company_id"), L("assigned_to_id"), At("assigned_at"), L("service_staff_id"), I("completion"),
        T("work_done"), M("service_hours"), T("feedback"), I("status"), At("completed_at"), .. Audit,
    ]);

    // Enum values as stored (ints; see the entities).
    private const int Draft = 1, Returned = 2, Review = 3, Approved = 4, Settled = 5, Rejected = 6;
    private const int ComplaintInService = 4, ComplaintClosed = 5, TicketOpen = 1, TicketDone = 2, TicketWithdrawn = 3;
    private const byte KindOpening = 0, KindReceipt = 1, KindAdjustment = 2, KindIssue = 3;

    private readonly Random r = new(o.Seed);
    private DateTime anchor, start;
    private long span;
    private Dictionary<string, long> users = [];
    private long warehouseId;
    private Numbers numbers = null!;

    // Companies: suppliers first, then customers (in creation order).
    private int supplierCount, customerCount;
    private long firstCompanyId;
    private long[] companyOwner = [];
    private DateTime[] companyCreated = [];
    private long[] customerCreatedTicks = [];

    // Products.
    private long firstCategoryId, firstProductId;
    private int[] productSupplier = [], productSub = [];
    private string[] productName = [], productNormalized = [], productSpec = [];
    private decimal[] productCost = [], productPrice = [];
    private bool[] productFractional = [];
    private string?[] productBarcode = [];
    private readonly List<(long Id, long? Parent, string Name, int Sort)> categories = [];
    private (long Category, long Sub, long? Unit)[] subIds = [];

    // Orders (sales and purchase share the shape).
    private sealed class Orders(int capacity)
    {
        public readonly List<long> CreatedAt = new(capacity), ApprovedAt = new(capacity);
        public readonly List<int> Party = new(capacity), State = new(capacity), LineStart = new(capacity) { 0 };
        public readonly List<long> Person = new(capacity);
        public readonly List<int> LineProduct = new(capacity * 6);
        public readonly List<decimal> LineQuantity = new(capacity * 6), LinePrice = new(capacity * 6), LineDiscount = new(capacity * 6);
        public string[] Number = [];
        public decimal[] SettledAmount = [];
        public int Count => CreatedAt.Count;
        public int LineCount => LineProduct.Count;
        public bool Posts(int i) => State[i] is Approved or Settled;
    }

    private Orders sales = null!, purchases = null!;
    private int[] salesOrderOfLine = [], purchaseOrderOfLine = [];

    // Stock.
    private decimal[] openingQuantity = [];
    private int[] openingLine = [];
    private string openingNumber = "";
    private long openingId;
    private readonly List<(long Ticks, long Counted, string? Notes)> adjustments = [];
    private readonly List<(int Adjustment, int LineNo, int Product, string? Note)> adjustmentLines = [];
    private decimal[] adjCounted = [], adjOnHand = [], adjDifference = [], adjCost = [], adjAmount = [];
    private string[] adjustmentNumbers = [];
    private readonly List<Move> moves = [];
    private decimal[] finalQuantity = [], finalAverage = [];
    private bool[] productMoved = [];

    private readonly record struct Move(long Ticks, byte Kind, int Ref, decimal Quantity, decimal UnitCost, decimal Amount, decimal Balance, decimal Average);

    private int SupplierTarget => Math.Max(3, o.Products * 6 / 100);
    private int PurchaseOrderTarget => Math.Max(10, o.Orders / 10);
    private int AdjustmentTarget => Math.Max(5, o.Orders / 100);
    private int ComplaintTarget => o.Orders * 3 / 20;
    private int ContactRecordTarget => o.Customers * 20;

    public async Task<TradeResult> RunAsync()
    {
        var total = Stopwatch.StartNew();
        await Phase("migrate + demo data (app seeding)", 0, () => AppSeeding.MigrateAndSeedAsync(o.Provider, o.ConnectionString));

        using var db = BulkTarget.Open(o.Provider, o.ConnectionString);
        var existingCompanies = db.Scalar("SELECT count(*) FROM companies");
        var existingOrders = db.Scalar("SELECT count(*) FROM sales_orders");
        if (existingCompanies > MaxExisting || existingOrders > MaxExisting)
        {
            throw new GenerateRefusedException(
                $"The database already holds {existingCompanies:N0} companies and {existingOrders:N0} sales orders, so bench data seems to be loaded. " +
                "generate-trade only loads into a fresh database: " +
                (o.Provider == DatabaseProvider.Sqlite
                    ? "delete the database file (and its -wal/-shm files) and run again."
                    : "DROP DATABASE and CREATE DATABASE, then run again."));
        }
        users = db.Pairs("SELECT id, normalized_user_name FROM users").ToDictionary(u => u.Text, u => u.Id);
        var missing = DemoData.Users.Select(u => u.Login).Where(l => !users.ContainsKey(l)).ToList();
        if (missing.Count > 0)
            throw new GenerateRefusedException($"The users table lacks the demo users ({string.Join(", ", missing)}). Use a fresh database.");

        var options = db.Pairs("SELECT id, list_code || '|' || name FROM option_items ORDER BY sort_order, id");
        long[] Ids(string list) => options.Where(p => p.Text.StartsWith(list + "|", StringComparison.Ordinal)).Select(p => p.Id).ToArray();
        Dictionary<string, long> Named(string list) => options.Where(p => p.Text.StartsWith(list + "|", StringComparison.Ordinal))
            .ToDictionary(p => p.Text[(list.Length + 1)..], p => p.Id);
        warehouseId = db.Scalar("SELECT id FROM warehouses WHERE is_default = " + (o.Provider == DatabaseProvider.Postgres ? "true" : "1") + " ORDER BY id LIMIT 1");
        anchor = DateTime.UtcNow.Date;
        start = anchor.AddYears(-o.Years);
        span = (anchor - start).Ticks;
        numbers = new Numbers(
            db.Pairs("SELECT 0, document_type || '|' || pattern FROM numbering_patterns").Select(p => p.Text.Split('|', 2)).ToDictionary(p => p[0], p => p[1]),
            db.Pairs("SELECT last_value, document_type || '|' || period FROM number_sequences").ToDictionary(p => p.Text, p => p.Id));
        firstCompanyId = db.Scalar("SELECT coalesce(max(id), 0) FROM companies") + 1;
        firstCategoryId = db.Scalar("SELECT coalesce(max(id), 0) FROM product_categories") + 1;
        firstProductId = db.Scalar("SELECT coalesce(max(id), 0) FROM products") + 1;
        var first = LoadedTables.Where(IdentityTables.Contains).ToDictionary(t => t, t => db.Scalar($"SELECT coalesce(max(id), 0) FROM {t}") + 1);
        var barcodes = db.Pairs("SELECT id, barcode FROM products WHERE barcode IS NOT NULL").Select(p => p.Text).ToHashSet(StringComparer.Ordinal);
        var names = new NameFactory(new Random(o.Seed + 1), db.Pairs("SELECT id, normalized_name FROM companies").Select(p => p.Text));

        log($"Trade for {o.Years} years up to {anchor:yyyy-MM-dd}: {o.Customers:N0} customers, {SupplierTarget:N0} suppliers, {o.Products:N0} products, " +
            $"{o.Orders:N0} sales orders (~{o.Orders * o.LinesPerOrder:N0} lines), ~{PurchaseOrderTarget:N0} purchase orders, ~{AdjustmentTarget:N0} counts, " +
            $"{ComplaintTarget:N0} complaints, {ContactRecordTarget:N0} contact records, into {o.Provider}.");

        Sync("plan: companies, products, orders", 0, () =>
        {
            PlanCompanies();
            PlanProducts(Named(OptionLists.Unit), barcodes);
            PlanSales();
            PlanPurchases();
            PlanAdjustments();
        });
        Sync("stock ledger (moving average, in time order)", 0, RunLedger);
        Sync("number documents", 0, NumberDocuments);

        db.BeginLoad(LoadedTables);
        var companyGrams = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var levels = Ids(OptionLists.CustomerLevel);
        var sources = Ids(OptionLists.CustomerSource);
        var industries = Ids(OptionLists.Industry);
        var statuses = Ids(OptionLists.CustomerStatus);
        var regions = Named(OptionLists.Region);
        Load(db, Generator.Companies, supplierCount + customerCount, w => WriteCompanies(w, names, companyGrams, levels, sources, industries, statuses, regions));
        Load(db, Generator.Grams, companyGrams.Values.Sum(l => (long)l.Count), w => Generator.WriteGrams(w, firstCompanyId, companyGrams));
        Load(db, Categories, categories.Count, WriteCategories);
        var productGrams = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        Load(db, Products, o.Products, w => WriteProducts(w, productGrams));
        Load(db, ProductGrams, productGrams.Values.Sum(l => (long)l.Count), w => Generator.WriteGrams(w, firstProductId, productGrams));
        Load(db, PurchaseOrders, purchases.Count, w => WriteOrders(w, purchases, first["purchase_orders"], users["xiaowang"], users["caijingli"], supplier: true));
        Load(db, Lines("purchase_order_lines"), purchases.LineCount, w => WriteLines(w, purchases, first["purchase_order_lines"], first["purchase_orders"]));
        Load(db, SalesOrders, sales.Count, w => WriteOrders(w, sales, first["sales_orders"], 0, users["zhaojingli"], supplier: false));
        Load(db, Lines("sales_order_lines"), sales.LineCount, w => WriteLines(w, sales, first["sales_order_lines"], first["sales_orders"]));
        openingId = first["opening_stocks"];
        Load(db, OpeningStocks, 1, WriteOpening);
        Load(db, Adjustments, adjustments.Count, w => WriteAdjustments(w, first["stock_adjustments"]));
        Load(db, AdjustmentLines, adjustmentLines.Count, w => WriteAdjustmentLines(w, first["stock_adjustment_lines"], first["stock_adjustments"]));
        Load(db, Moves, moves.Count, w => WriteMoves(w, first));
        var moved = productMoved.Count(m => m);
        Load(db, Balances, moved, w => WriteBalances(w, first["stock_balances"]));
        Load(db, Valuations, moved, WriteValuations);
        var complaintRows = PlanComplaints(Ids(OptionLists.ComplaintType), Named(OptionLists.ComplaintType), Ids(OptionLists.ComplaintChannel), Ids(OptionLists.ComplaintUrgency));
        Load(db, Complaints, complaintRows.Count, w => WriteComplaints(w, complaintRows, first["complaints"]));
        var ticketRows = complaintRows.Count(c => c.Ticket is not null);
        Load(db, Tickets, ticketRows, w => WriteTickets(w, complaintRows, first["service_tickets"], first["complaints"]));
        Load(db, Generator.Records, ContactRecordTarget, w => WriteRecords(w, first["contact_records"], Ids(OptionLists.ContactMethod)));

        var firstCustomerId = firstCompanyId + supplierCount;
        var contactTimes = $"""
            UPDATE companies SET first_contact_at = r.first_at, last_contact_at = r.last_at
            FROM (SELECT company_id, min(contacted_at) AS first_at, max(contacted_at) AS last_at
                  FROM contact_records WHERE company_id >= {firstCustomerId} GROUP BY company_id) AS r
            WHERE companies.id = r.company_id
            """;
        if (o.Provider == DatabaseProvider.Postgres) Sync("first/last contact UPDATE", customerCount, () => db.Execute(contactTimes));
        Sync("recreate indexes and keys", 0, () => db.RecreateIndexes(log));
        if (o.Provider == DatabaseProvider.Sqlite) Sync("first/last contact UPDATE", customerCount, () => db.Execute(contactTimes));

        foreach (var (type, period, last) in numbers.Used())
        {
            db.Execute($"""
                INSERT INTO number_sequences (document_type, period, last_value) VALUES ('{type}', '{period}', {last})
                ON CONFLICT (document_type, period) DO UPDATE SET last_value = {last}
                """);
        }
        if (o.Provider == DatabaseProvider.Postgres)
        {
            foreach (var t in IdentityTables)
                db.Execute($"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))");
        }
        // The moves and orders were written directly, not posted: the app rebuilds the month sums
        // 进销存 and sales by product read from the whole ledger and the sold orders at its next start
        // (StockMonthSumsBackfill, SalesMonthSumsBackfill, SalesDaySumsBackfill) when there are none.
        db.Execute("DELETE FROM stock_month_sums");
        db.Execute("DELETE FROM sales_month_sums");
        db.Execute("DELETE FROM sales_day_sums");
        Sync("commit", 0, db.EndLoad);
        Sync("ANALYZE", 0, () => db.Analyze(LoadedTables));

        total.Stop();
        var counts = LoadedTables.ToDictionary(t => t, t => db.Scalar($"SELECT count(*) FROM {t}"));
        log($"Done in {total.Elapsed.TotalMinutes:0.0} min. Rows now: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}"))}.");
        return new TradeResult(o.Provider.ToString(), o with { ConnectionString = "" }, total.Elapsed.TotalSeconds, phases, counts);
    }

    private static DateOnly Day(long utcTicks) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(new DateTime(utcTicks, DateTimeKind.Utc), Zone));

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>A moment in the period, more of them towards its end (the business grows by half).</summary>
    private long GrowingMoment()
    {
        const double g = 0.5;
        var x = (-1 + Math.Sqrt(1 + 2 * g * r.NextDouble() * (1 + g / 2))) / g;
        return start.Ticks + (long)(x * (span - TimeSpan.TicksPerMinute));
    }

    /// <summary>Somewhat later than <paramref name="ticks"/>, but before today.</summary>
    private long Later(long ticks, double minHours, double maxHours) =>
        Math.Min(ticks + (long)((minHours + r.NextDouble() * (maxHours - minHours)) * TimeSpan.TicksPerHour), anchor.Ticks - TimeSpan.TicksPerSecond);

    /// <summary>A customer that existed at <paramref name="ticks"/>: older customers buy more often.</summary>
    private int CustomerAt(long ticks)
    {
        var i = Array.BinarySearch(customerCreatedTicks, ticks);
        var existing = i >= 0 ? i + 1 : ~i;
        return existing == 0 ? 0 : r.Next(existing);
    }

    /// <summary>A product, popular ones more often (the square skews towards the low indexes).</summary>
    private int PopularProduct()
    {
        var u = r.NextDouble();
        return (int)(u * u * o.Products);
    }

    private void PlanCompanies()
    {
        supplierCount = SupplierTarget;
        customerCount = o.Customers;
        var n = supplierCount + customerCount;
        companyOwner = new long[n];
        companyCreated = new DateTime[n];
        customerCreatedTicks = new long[customerCount];
        long[] customerOwners = [users["xiaolin"], users["xiaolin"], users["xiaolin"], users["zhaojingli"], users["zhaojingli"],
            users["zhaojingli"], users["admin"], users["admin"], users["xiaoli"]];
        for (var i = 0; i < supplierCount; i++)
        {
            companyOwner[i] = r.Next(4) == 0 ? users["caijingli"] : users["xiaowang"];
            companyCreated[i] = start.AddDays(-60 + r.Next(30)).AddMinutes(r.Next(24 * 60));
        }
        // A tenth of the customers were there from the start; the rest come over the years.
        for (var i = 0; i < customerCount; i++)
        {
            customerCreatedTicks[i] = i < customerCount / 10
                ? start.Ticks + (long)(r.NextDouble() * 30 * TimeSpan.TicksPerDay)
                : start.Ticks + (long)((double)i / customerCount * (span - TimeSpan.TicksPerHour)) + r.Next(3600) * TimeSpan.TicksPerSecond;
        }
        Array.Sort(customerCreatedTicks);
        for (var i = 0; i < customerCount; i++)
        {
            companyOwner[supplierCount + i] = customerOwners[r.Next(customerOwners.Length)];
            companyCreated[supplierCount + i] = Utc(customerCreatedTicks[i]);
        }
    }

    private void PlanProducts(Dictionary<string, long> units, HashSet<string> barcodes)
    {
        var id = firstCategoryId;
        var subs = new List<(long, long, long?)>();
        var subWords = new List<TradeWords.Sub>();
        var sort = 0;
        foreach (var (category, list) in TradeWords.Catalogue)
        {
            var top = id++;
            categories.Add((top, null, category, sort += 10));
            var subSort = 0;
            foreach (var sub in list)
            {
                categories.Add((id, top, sub.Name, subSort += 10));
                subs.Add((top, id++, units.TryGetValue(sub.Unit, out var unit) ? unit : null));
                subWords.Add(sub);
            }
        }
        subIds = [.. subs];
        var n = o.Products;
        productSupplier = new int[n];
        productSub = new int[n];
        productName = new string[n];
        productNormalized = new string[n];
        productSpec = new string[n];
        productCost = new decimal[n];
        productPrice = new decimal[n];
        productFractional = new bool[n];
        productBarcode = new string?[n];
        var barcodeSeed = 100_000_000L + r.Next(100_000_000);
        for (var i = 0; i < n; i++)
        {
            var s = r.Next(subWords.Count);
            var sub = subWords[s];
            productSub[i] = s;
            productSupplier[i] = r.Next(supplierCount);
            productName[i] = TradeWords.Brands[r.Next(TradeWords.Brands.Length)] + sub.Items[r.Next(sub.Items.Length)];
            productNormalized[i] = NameNormalizer.Normalize(productName[i]);
            productSpec[i] = $"{sub.SpecPrefix}{r.Next(10, 9999)}";
            var cost = Math.Exp(Math.Log((double)sub.MinPrice) + r.NextDouble() * (Math.Log((double)sub.MaxPrice) - Math.Log((double)sub.MinPrice)));
            productCost[i] = decimal.Round((decimal)cost, 2);
            productPrice[i] = decimal.Round(productCost[i] * (decimal)(1.2 + 0.4 * r.NextDouble()), 1);
            if (productPrice[i] <= productCost[i]) productPrice[i] = productCost[i] + 0.1m;
            productFractional[i] = sub.Unit is "米" or "千克" or "升";
            if (r.Next(5) > 0)
            {
                string code;
                do
                {
                    var digits = $"697{barcodeSeed++ % 1_000_000_000:D9}";
                    code = digits + Barcode.CheckDigit(digits);
                }
                while (!barcodes.Add(code));
                productBarcode[i] = code;
            }
        }
    }

    private void AddLine(Orders x, int product, decimal quantity, decimal price, decimal discount)
    {
        x.LineProduct.Add(product);
        x.LineQuantity.Add(quantity);
        x.LinePrice.Add(price);
        x.LineDiscount.Add(discount);
    }

    /// <summary>1–(2n−1) distinct products, n on average.</summary>
    private List<int> DistinctProducts(int count, Func<int> next)
    {
        var chosen = new List<int>(count);
        for (var guard = 0; chosen.Count < count && guard < count * 20; guard++)
        {
            var p = next();
            if (!chosen.Contains(p)) chosen.Add(p);
        }
        return chosen;
    }

    private void PlanSales()
    {
        sales = new Orders(o.Orders);
        var times = new long[o.Orders];
        for (var i = 0; i < times.Length; i++) times[i] = GrowingMoment();
        Array.Sort(times);
        var xiaolin = users["xiaolin"];
        var zhaojingli = users["zhaojingli"];
        var xiaoli = users["xiaoli"];
        foreach (var t in times)
        {
            var customer = CustomerAt(t);
            var owner = companyOwner[supplierCount + customer];
            // The owner sells, except customer service (who hands over to the salesperson) and now and then a colleague.
            var person = owner == xiaoli || r.Next(10) == 0 ? (r.Next(2) == 0 ? xiaolin : zhaojingli) : owner;
            var roll = r.Next(100);
            var state = roll < 80 ? Settled : roll < 88 ? Approved : roll < 93 ? Draft : roll < 96 ? Rejected : roll < 98 ? Review : Returned;
            sales.CreatedAt.Add(t);
            sales.ApprovedAt.Add(state == Draft ? t : Later(t, 0.5, 30));
            sales.Party.Add(customer);
            sales.Person.Add(person);
            sales.State.Add(state);
            foreach (var p in DistinctProducts(1 + r.Next(2 * o.LinesPerOrder - 1), PopularProduct))
            {
                var u = r.NextDouble();
                decimal quantity = 1 + (int)(20 * u * u);
                if (r.Next(20) == 0) quantity *= 10;
                if (productFractional[p] && r.Next(4) == 0) quantity += 0.5m;
                var price = r.Next(10) < 8 ? productPrice[p] : decimal.Round(productPrice[p] * (decimal)(0.9 + 0.15 * r.NextDouble()), 2);
                var discount = r.Next(5) == 0 ? decimal.Round((decimal)(0.8 + 0.18 * r.NextDouble()), 2) : 1m;
                AddLine(sales, p, quantity, price, discount);
            }
            sales.LineStart.Add(sales.LineCount);
        }
        salesOrderOfLine = OrderOfLine(sales);
    }

    private static int[] OrderOfLine(Orders x)
    {
        var of = new int[x.LineCount];
        for (var i = 0; i < x.Count; i++)
            for (var l = x.LineStart[i]; l < x.LineStart[i + 1]; l++) of[l] = i;
        return of;
    }

    /// <summary>Per supplier, orders at regular intervals, each for some of its products (the first for
    /// all). Quantities are set later by the ledger run, from what will be sold until the product's
    /// next delivery. A few more orders never got approved and move no stock.</summary>
    private void PlanPurchases()
    {
        var bySupplier = Enumerable.Range(0, supplierCount).Select(_ => new List<int>()).ToArray();
        for (var p = 0; p < o.Products; p++) bySupplier[productSupplier[p]].Add(p);
        var posted = PurchaseOrderTarget * 95 / 100;
        var perSupplier = Math.Max(1, posted / supplierCount);
        var planned = new List<(long Created, int Supplier, bool Posts, List<int> Products)>();
        for (var s = 0; s < supplierCount; s++)
        {
            if (bySupplier[s].Count == 0) continue;
            var step = span / perSupplier;
            for (var k = 0; k < perSupplier; k++)
            {
                var t = k == 0 ? start.Ticks + r.Next(12 * 60) * TimeSpan.TicksPerMinute : start.Ticks + k * step + (long)(r.NextDouble() * 0.8 * step);
                var list = k == 0 ? bySupplier[s] : DistinctProducts(Math.Min(bySupplier[s].Count, 4 + r.Next(13)), () => bySupplier[s][r.Next(bySupplier[s].Count)]);
                planned.Add((t, s, true, list));
            }
        }
        for (var k = 0; k < PurchaseOrderTarget - posted; k++)
        {
            var s = r.Next(supplierCount);
            if (bySupplier[s].Count == 0) continue;
            planned.Add((GrowingMoment(), s, false, DistinctProducts(Math.Min(bySupplier[s].Count, 1 + r.Next(8)), () => bySupplier[s][r.Next(bySupplier[s].Count)])));
        }
        planned.Sort((a, b) => a.Created.CompareTo(b.Created));
        purchases = new Orders(planned.Count);
        var xiaowang = users["xiaowang"];
        foreach (var (t, s, posts, list) in planned)
        {
            int state;
            if (posts) state = r.Next(100) < 94 ? Settled : Approved;
            else
            {
                var roll = r.Next(4);
                state = roll == 0 ? Draft : roll == 1 ? Review : roll == 2 ? Returned : Rejected;
            }
            purchases.CreatedAt.Add(t);
            // Approved purchase orders are received at once: the approval is the delivery.
            purchases.ApprovedAt.Add(state == Draft ? t : Later(t, 1, 24));
            purchases.Party.Add(s);
            purchases.Person.Add(xiaowang);
            purchases.State.Add(state);
            foreach (var p in list)
            {
                var price = r.Next(10) < 7 ? productCost[p] : decimal.Round(productCost[p] * (decimal)(0.95 + 0.1 * r.NextDouble()), 2);
                var discount = r.Next(10) == 0 ? decimal.Round((decimal)(0.9 + 0.08 * r.NextDouble()), 2) : 1m;
                // Posted lines get their quantity from the ledger run; the others a plausible one now.
                AddLine(purchases, p, posts ? 0 : 5 + r.Next(200), price, discount);
            }
            purchases.LineStart.Add(purchases.LineCount);
        }
        purchaseOrderOfLine = OrderOfLine(purchases);
    }

    private void PlanAdjustments()
    {
        var times = new long[AdjustmentTarget];
        for (var i = 0; i < times.Length; i++) times[i] = start.Ticks + 30 * TimeSpan.TicksPerDay + (long)(r.NextDouble() * (span - 31 * TimeSpan.TicksPerDay));
        Array.Sort(times);
        var counter = users["xiaozhou"];
        foreach (var t in times)
        {
            var a = adjustments.Count;
            adjustments.Add((t, counter, TradeWords.AdjustmentNotes[r.Next(TradeWords.AdjustmentNotes.Length)]));
            var lineNo = 0;
            foreach (var p in DistinctProducts(1 + r.Next(5), () => r.Next(o.Products)))
                adjustmentLines.Add((a, ++lineNo, p, r.Next(3) == 0 ? TradeWords.AdjustmentLineNotes[r.Next(TradeWords.AdjustmentLineNotes.Length)] : null));
        }
    }

    private readonly record struct Event(long Ticks, byte Kind, int Ref);

    /// <summary>
    /// Posts every stock event in time order as <see cref="InventoryService"/> would: receipts at
    /// the line's net unit price, issues at the moving average, counts as adjustments, all through
    /// <see cref="Valuation.Apply"/>. A receipt's quantity is what the product needs until its next
    /// delivery (sales and the most a count can remove) less what is on hand, plus a margin, so no
    /// sale ever finds too little stock; the same holds for the opening stock before the first.
    /// </summary>
    private void RunLedger()
    {
        var n = o.Products;
        // Each product's deliveries in time order, and what it needs in the window after each one.
        var receiptTimes = Enumerable.Range(0, n).Select(_ => new List<(long Ticks, int Line)>()).ToArray();
        for (var l = 0; l < purchases.LineCount; l++)
        {
            var order = purchaseOrderOfLine[l];
            if (purchases.Posts(order)) receiptTimes[purchases.LineProduct[l]].Add((purchases.ApprovedAt[order], l));
        }
        var ticks = new long[n][];
        for (var p = 0; p < n; p++)
        {
            receiptTimes[p].Sort();
            ticks[p] = receiptTimes[p].Select(x => x.Ticks).ToArray();
        }
        var need = new decimal[purchases.LineCount];
        var openingNeed = new decimal[n];
        void Needs(int p, long at, decimal quantity)
        {
            // Receipts at the same moment are posted first (see the event order), so they serve it.
            var i = Array.BinarySearch(ticks[p], at);
            if (i >= 0)
                while (i + 1 < ticks[p].Length && ticks[p][i + 1] == at) i++;
            else i = ~i - 1;
            if (i < 0) openingNeed[p] += quantity;
            else need[receiptTimes[p][i].Line] += quantity;
        }
        var events = new List<Event>(sales.LineCount + purchases.LineCount + adjustmentLines.Count + n);
        for (var l = 0; l < sales.LineCount; l++)
        {
            var order = salesOrderOfLine[l];
            if (!sales.Posts(order)) continue;
            Needs(sales.LineProduct[l], sales.ApprovedAt[order], sales.LineQuantity[l]);
            events.Add(new Event(sales.ApprovedAt[order], KindIssue, l));
        }
        // A count removes at most 3 of a product.
        for (var k = 0; k < adjustmentLines.Count; k++)
        {
            var line = adjustmentLines[k];
            Needs(line.Product, adjustments[line.Adjustment].Ticks, 3);
            events.Add(new Event(adjustments[line.Adjustment].Ticks, KindAdjustment, k));
        }
        foreach (var list in receiptTimes)
            foreach (var (at, line) in list) events.Add(new Event(at, KindReceipt, line));
        openingQuantity = new decimal[n];
        openingLine = new int[n];
        var openingLines = 0;
        for (var p = 0; p < n; p++)
        {
            if (openingNeed[p] == 0 && r.Next(20) != 0) continue;
            openingQuantity[p] = decimal.Ceiling(openingNeed[p] * (decimal)(1.1 + 0.2 * r.NextDouble())) + r.Next(1, 10);
            openingLine[p] = ++openingLines;
            events.Add(new Event(start.Ticks, KindOpening, p));
        }
        events.Sort((a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Ref.CompareTo(b.Ref));

        var onHand = new decimal[n];
        var average = new decimal[n];
        productMoved = new bool[n];
        adjCounted = new decimal[adjustmentLines.Count];
        adjOnHand = new decimal[adjustmentLines.Count];
        adjDifference = new decimal[adjustmentLines.Count];
        adjCost = new decimal[adjustmentLines.Count];
        adjAmount = new decimal[adjustmentLines.Count];
        moves.Capacity = events.Count;
        foreach (var e in events)
        {
            int p;
            decimal quantity;
            decimal? cost;
            switch (e.Kind)
            {
                case KindOpening:
                    p = e.Ref;
                    quantity = openingQuantity[p];
                    cost = productCost[p];
                    break;
                case KindReceipt:
                {
                    p = purchases.LineProduct[e.Ref];
                    var short_ = Math.Max(need[e.Ref] - onHand[p], 0);
                    quantity = decimal.Ceiling(short_ * (decimal)(1.05 + 0.25 * r.NextDouble())) + r.Next(1, 8);
                    purchases.LineQuantity[e.Ref] = quantity;
                    cost = LineAmount.NetUnitPrice(purchases.LinePrice[e.Ref], purchases.LineDiscount[e.Ref], 4);
                    break;
                }
                case KindAdjustment:
                {
                    p = adjustmentLines[e.Ref].Product;
                    quantity = r.Next(3) == 0 || onHand[p] <= 0 ? r.Next(1, 6) : -Math.Min(onHand[p], r.Next(1, 4));
                    // Found goods at the average cost; a product never valued yet at its 进价 (PostCountAsync).
                    cost = quantity > 0 && average[p] <= 0 ? productCost[p] : null;
                    break;
                }
                default:
                    p = sales.LineProduct[e.Ref];
                    quantity = -sales.LineQuantity[e.Ref];
                    cost = null;
                    if (onHand[p] + quantity < 0) throw new InvalidOperationException($"Product {p} would go below zero at {Utc(e.Ticks):u}.");
                    break;
            }
            var (unitCost, averageAfter) = Valuation.Apply(onHand[p], average[p], quantity, cost);
            var amount = decimal.Round(quantity * unitCost, 2, MidpointRounding.AwayFromZero);
            if (e.Kind == KindAdjustment)
            {
                adjOnHand[e.Ref] = onHand[p];
                adjDifference[e.Ref] = quantity;
                adjCounted[e.Ref] = onHand[p] + quantity;
                adjCost[e.Ref] = unitCost;
                adjAmount[e.Ref] = amount;
            }
            onHand[p] += quantity;
            average[p] = averageAfter;
            productMoved[p] = true;
            moves.Add(new Move(e.Ticks, e.Kind, e.Ref, quantity, unitCost, amount, onHand[p], averageAfter));
        }
        finalQuantity = onHand;
        finalAverage = average;

        // Totals and what was settled, now that every line has its quantity.
        foreach (var x in new[] { sales, purchases })
        {
            x.SettledAmount = new decimal[x.Count];
            for (var i = 0; i < x.Count; i++)
            {
                var total = OrderTotal(x, i);
                x.SettledAmount[i] = x.State[i] == Settled ? total
                    : x.State[i] == Approved && r.Next(2) == 0 ? decimal.Round(total * (decimal)(0.1 + 0.8 * r.NextDouble()), 2)
                    : 0;
                if (x.SettledAmount[i] >= total && x.State[i] == Approved) x.SettledAmount[i] = 0;
            }
        }
        log($"  ledger: {moves.Count:N0} moves, {openingLines:N0} opening lines, {productMoved.Count(m => m):N0} products with stock moves.");
    }

    private static decimal OrderTotal(Orders x, int i)
    {
        var total = 0m;
        for (var l = x.LineStart[i]; l < x.LineStart[i + 1]; l++) total += LineAmount.Of(x.LineQuantity[l], x.LinePrice[l], x.LineDiscount[l]);
        return total;
    }

    /// <summary>Document numbers as the app gives them: the creation day's counter, in creation order.</summary>
    private void NumberDocuments()
    {
        sales.Number = sales.CreatedAt.Select(t => numbers.Next("sales-order", Day(t))).ToArray();
        purchases.Number = purchases.CreatedAt.Select(t => numbers.Next("purchase-order", Day(t))).ToArray();
        adjustmentNumbers = adjustments.Select(a => numbers.Next("stock-adjustment", Day(a.Ticks))).ToArray();
        openingNumber = numbers.Next("opening-stock", Day(start.Ticks));
    }

    private void WriteAudit(TableWriter w, int version, long createdTicks, long createdBy, long updatedTicks, long updatedBy)
    {
        w.Write(version);
        w.Write(Utc(createdTicks));
        w.Write(createdBy);
        w.Write(Utc(updatedTicks));
        w.Write(updatedBy);
    }

    private void WriteCompanies(TableWriter w, NameFactory names, Dictionary<string, List<int>> grams,
        long[] levels, long[] sources, long[] industries, long[] statuses, Dictionary<string, long> regions)
    {
        var other = regions.GetValueOrDefault("其他");
        for (var i = 0; i < supplierCount + customerCount; i++)
        {
            var (name, normalized, region) = names.NextCompany();
            foreach (var g in NameNormalizer.Bigrams(normalized))
            {
                if (!grams.TryGetValue(g, out var list)) grams[g] = list = [];
                list.Add(i);
            }
            var id = firstCompanyId + i;
            var isSupplier = i < supplierCount;
            var created = companyCreated[i];
            var phoneArea = r.Next(10, 999);
            w.Write(id);
            w.Write(numbers.Next("company", DateOnly.FromDateTime(anchor)));
            w.Write(name);
            w.Write(normalized);
            w.Write(!isSupplier);
            w.Write(isSupplier || r.Next(20) == 0);
            w.Write(isSupplier ? null : Generator.Pick(r, levels, 90));
            w.Write(Generator.Pick(r, sources, 80));
            w.Write(Generator.Pick(r, industries, 90));
            w.Write(region is null ? null : regions.TryGetValue(region, out var rid) ? rid : (long?)other);
            w.Write(isSupplier ? null : Generator.Pick(r, statuses, 95));
            w.Write($"{region ?? "某"}市{Words.Districts[r.Next(Words.Districts.Length)]}区{Words.BrandFirst[r.Next(Words.BrandFirst.Length)]}{Words.BrandSecond[r.Next(Words.BrandSecond.Length)]}路{r.Next(1, 999)}号");
            w.Write(r.Next(10) < 8 ? $"0{phoneArea}-{r.Next(10000000, 99999999)}" : null);
            w.Write(r.Next(10) < 2 ? $"0{phoneArea}-{r.Next(10000000, 99999999)}" : null);
            w.Write(r.Next(10) < 2 ? $"www.c{id}.example.cn" : null);
            w.Write(r.Next(10) < 4 ? $"info@c{id}.example.cn" : null);
            w.Write(companyOwner[i]);
            w.Write((DateTime?)null);
            w.Write((DateTime?)null);
            w.Write((string?)null);
            WriteAudit(w, 1, created.Ticks, companyOwner[i], created.Ticks, companyOwner[i]);
            w.EndRow();
        }
    }

    private void WriteCategories(TableWriter w)
    {
        var admin = users["admin"];
        var at = start.AddDays(-90).Ticks;
        foreach (var (id, parent, name, sort) in categories)
        {
            w.Write(id);
            w.Write(parent);
            w.Write(name);
            w.Write(sort);
            w.Write(true);
            WriteAudit(w, 1, at, admin, at, admin);
            w.EndRow();
        }
    }

    private void WriteProducts(TableWriter w, Dictionary<string, List<int>> grams)
    {
        var admin = users["admin"];
        for (var i = 0; i < o.Products; i++)
        {
            foreach (var g in NameNormalizer.Bigrams(productNormalized[i]))
            {
                if (!grams.TryGetValue(g, out var list)) grams[g] = list = [];
                list.Add(i);
            }
            var (category, sub, unit) = subIds[productSub[i]];
            var created = start.AddDays(-30).AddMinutes(r.Next(29 * 24 * 60)).Ticks;
            w.Write(firstProductId + i);
            w.Write(numbers.Next("product", DateOnly.FromDateTime(anchor)));
            w.Write(productName[i]);
            w.Write(productNormalized[i]);
            w.Write(firstCompanyId + productSupplier[i]);
            w.Write(productBarcode[i]);
            w.Write(category);
            w.Write(sub);
            w.Write(productSpec[i]);
            w.Write(unit);
            w.Write(productCost[i]);
            w.Write(productPrice[i]);
            w.Write(r.Next(3) == 0 ? null : (decimal?)(10 * r.Next(1, 6)));
            w.Write(r.Next(50) != 0);
            w.Write((string?)null);
            WriteAudit(w, 1, created, admin, created, admin);
            w.EndRow();
        }
    }

    private void WriteOrders(TableWriter w, Orders x, long firstId, long fallbackPerson, long reviewer, bool supplier)
    {
        for (var i = 0; i < x.Count; i++)
        {
            var state = x.State[i];
            var reviewed = state is not (Draft or Review);
            var person = supplier ? fallbackPerson : x.Person[i];
            w.Write(firstId + i);
            w.Write(x.Number[i]);
            w.Write(Day(x.CreatedAt[i]));
            w.Write(firstCompanyId + (supplier ? x.Party[i] : supplierCount + x.Party[i]));
            w.Write(person);
            w.Write(r.Next(3) == 0 ? TradeWords.OrderNotes[r.Next(TradeWords.OrderNotes.Length)] : null);
            w.Write(state);
            w.Write(OrderTotal(x, i));
            w.Write(x.SettledAmount[i]);
            w.Write(reviewed ? reviewer : (long?)null);
            w.Write(reviewed ? TradeWords.ReviewOpinions[state is Returned or Rejected ? 3 + r.Next(2) : r.Next(3)] : null);
            w.Write(reviewed ? Day(x.ApprovedAt[i]) : (DateOnly?)null);
            WriteAudit(w, reviewed ? 3 : 1, x.CreatedAt[i], person, x.ApprovedAt[i], reviewed ? reviewer : person);
            w.EndRow();
        }
    }

    private void WriteLines(TableWriter w, Orders x, long firstId, long firstOrderId)
    {
        for (var i = 0; i < x.Count; i++)
        {
            for (var l = x.LineStart[i]; l < x.LineStart[i + 1]; l++)
            {
                w.Write(firstId + l);
                w.Write(firstOrderId + i);
                w.Write(l - x.LineStart[i] + 1);
                w.Write(firstProductId + x.LineProduct[l]);
                w.Write(x.LineQuantity[l]);
                w.Write(x.LinePrice[l]);
                w.Write(x.LineDiscount[l]);
                w.Write(LineAmount.Of(x.LineQuantity[l], x.LinePrice[l], x.LineDiscount[l]));
                w.EndRow();
            }
        }
    }

    private void WriteOpening(TableWriter w)
    {
        var purchaser = users["xiaowang"];
        w.Write(openingId);
        w.Write(openingNumber);
        w.Write(warehouseId);
        w.Write("系统上线前的库存");
        WriteAudit(w, 1, start.Ticks, purchaser, start.Ticks, purchaser);
        w.EndRow();
    }

    private void WriteAdjustments(TableWriter w, long firstId)
    {
        var approver = users["caijingli"];
        for (var i = 0; i < adjustments.Count; i++)
        {
            var (t, counter, notes) = adjustments[i];
            var created = t - 2 * TimeSpan.TicksPerHour;
            w.Write(firstId + i);
            w.Write(adjustmentNumbers[i]);
            w.Write(warehouseId);
            w.Write(Day(created));
            w.Write(counter);
            w.Write(notes);
            w.Write(Approved);
            w.Write(Utc(t));
            w.Write(approver);
            WriteAudit(w, 3, created, counter, t, approver);
            w.EndRow();
        }
    }

    private void WriteAdjustmentLines(TableWriter w, long firstId, long firstAdjustmentId)
    {
        for (var k = 0; k < adjustmentLines.Count; k++)
        {
            var (a, lineNo, p, note) = adjustmentLines[k];
            w.Write(firstId + k);
            w.Write(firstAdjustmentId + a);
            w.Write(lineNo);
            w.Write(firstProductId + p);
            w.Write(adjCounted[k]);
            w.Write(note);
            w.Write(adjOnHand[k]);
            w.Write(adjDifference[k]);
            w.Write(adjCost[k]);
            w.Write(adjAmount[k]);
            w.EndRow();
        }
    }

    private void WriteMoves(TableWriter w, Dictionary<string, long> first)
    {
        var purchaser = users["xiaowang"];
        var purchaseManager = users["caijingli"];
        var salesManager = users["zhaojingli"];
        var id = first["stock_moves"];
        foreach (var m in moves)
        {
            string type, kind;
            long documentId;
            int line, product;
            string number;
            long user;
            string? note;
            switch (m.Kind)
            {
                case KindOpening:
                    (type, kind, documentId, line, product, number, user, note) =
                        (OpeningStock.DocumentType, "Opening", openingId, openingLine[m.Ref], m.Ref, openingNumber, purchaser, "系统上线前的库存");
                    break;
                case KindReceipt:
                {
                    var order = purchaseOrderOfLine[m.Ref];
                    (type, kind, documentId, line, product, number, user, note) = ("purchase-order", "Receipt", first["purchase_orders"] + order,
                        m.Ref - purchases.LineStart[order] + 1, purchases.LineProduct[m.Ref], purchases.Number[order], purchaseManager, null);
                    break;
                }
                case KindAdjustment:
                {
                    var (a, lineNo, p, _) = adjustmentLines[m.Ref];
                    (type, kind, documentId, line, product, number, user, note) = (StockAdjustment.DocumentType, "Adjustment",
                        first["stock_adjustments"] + a, lineNo, p, adjustmentNumbers[a], purchaseManager, adjustments[a].Notes);
                    break;
                }
                default:
                {
                    var order = salesOrderOfLine[m.Ref];
                    (type, kind, documentId, line, product, number, user, note) = ("sales-order", "Issue", first["sales_orders"] + order,
                        m.Ref - sales.LineStart[order] + 1, sales.LineProduct[m.Ref], sales.Number[order], salesManager, null);
                    break;
                }
            }
            w.Write(id++);
            w.Write(type);
            w.Write(documentId);
            w.Write(line);
            w.Write(number);
            w.Write(kind);
            w.Write(Utc(m.Ticks));
            w.Write(firstProductId + product);
            w.Write(warehouseId);
            w.Write(m.Quantity);
            w.Write(m.UnitCost);
            w.Write(m.Amount);
            w.Write(m.Balance);
            w.Write(m.Average);
            w.Write(user);
            w.Write(note);
            w.EndRow();
        }
    }

    private void WriteBalances(TableWriter w, long firstId)
    {
        var id = firstId;
        for (var p = 0; p < o.Products; p++)
        {
            if (!productMoved[p]) continue;
            w.Write(id++);
            w.Write(firstProductId + p);
            w.Write(warehouseId);
            w.Write(finalQuantity[p]);
            w.Write(1);
            w.EndRow();
        }
    }

    private void WriteValuations(TableWriter w)
    {
        for (var p = 0; p < o.Products; p++)
        {
            if (!productMoved[p]) continue;
            w.Write(firstProductId + p);
            w.Write(finalQuantity[p]);
            w.Write(finalAverage[p]);
            w.Write(1);
            w.EndRow();
        }
    }

    private sealed record Ticket(long AssignedAt, int Status, long? CompletedAt, int? Completion, decimal? Hours, string Number);

    private sealed record ComplaintRow(
        long Received, int Customer, string Subject, long? Type, long? Channel, long? Urgency, int? Product, int State,
        long? Closed, string Number, Ticket? Ticket);

    private List<ComplaintRow> PlanComplaints(long[] types, Dictionary<string, long> typeByName, long[] channels, long[] urgencies)
    {
        var subjects = TradeWords.ComplaintSubjects.ToDictionary(s => s.Type, s => s.Subjects);
        var times = new long[ComplaintTarget];
        for (var i = 0; i < times.Length; i++) times[i] = GrowingMoment();
        Array.Sort(times);
        var rows = new List<ComplaintRow>(times.Length);
        foreach (var t in times)
        {
            var type = types.Length == 0 ? (long?)null : types[r.Next(types.Length)];
            var typeName = typeByName.FirstOrDefault(kv => kv.Value == type).Key;
            var list = typeName is not null && subjects.TryGetValue(typeName, out var s) ? s : TradeWords.ComplaintSubjects[0].Subjects;
            var roll = r.Next(100);
            var state = roll < 85 ? ComplaintClosed : roll < 92 ? ComplaintInService : roll < 97 ? Review : Draft;
            // Most are resolved within a day or two, a few take weeks.
            long? closed = state == ComplaintClosed ? Later(t, 2, 2 + 24 * 10 * r.NextDouble() * r.NextDouble()) : null;
            if (closed <= t) (closed, state) = (null, ComplaintInService);
            Ticket? ticket = null;
            if (state == ComplaintInService || (state == ComplaintClosed && r.Next(100) < 62))
            {
                var assigned = Later(t, 0.5, closed is { } c ? Math.Max(0.6, (c - t) / (double)TimeSpan.TicksPerHour / 2) : 24);
                var number = numbers.Next("service-ticket", Day(assigned));
                if (state == ComplaintInService) ticket = new Ticket(assigned, TicketOpen, null, null, null, number);
                else
                {
                    var done = assigned + (long)((closed!.Value - assigned) * (0.3 + 0.6 * r.NextDouble()));
                    ticket = r.Next(20) == 0
                        ? new Ticket(assigned, TicketWithdrawn, done, null, null, number)
                        : new Ticket(assigned, TicketDone, done, r.Next(10) < 7 ? 100 : 10 * r.Next(0, 10), decimal.Round((decimal)(0.5 + 7.5 * r.NextDouble()), 1), number);
                }
            }
            rows.Add(new ComplaintRow(t, CustomerAt(t), list[r.Next(list.Length)], type,
                channels.Length == 0 ? null : channels[r.Next(channels.Length)], urgencies.Length == 0 ? null : urgencies[r.Next(urgencies.Length)],
                r.Next(10) < 8 ? PopularProduct() : null, state, closed, numbers.Next("complaint", Day(t)), ticket));
        }
        return rows;
    }

    private void WriteComplaints(TableWriter w, List<ComplaintRow> rows, long firstId)
    {
        var service = users["xiaoli"];
        var people = new NameFactory(r, []);
        for (var i = 0; i < rows.Count; i++)
        {
            var c = rows[i];
            w.Write(firstId + i);
            w.Write(c.Number);
            w.Write(firstCompanyId + supplierCount + c.Customer);
            w.Write(c.Subject);
            w.Write(c.Type);
            w.Write(c.Channel);
            w.Write(c.Urgency);
            w.Write(r.Next(10) < 7 ? people.Person() : null);
            w.Write(TradeWords.ComplaintDetails[r.Next(TradeWords.ComplaintDetails.Length)]);
            w.Write(service);
            w.Write(Utc(c.Received));
            w.Write(c.State);
            w.Write(c.State == ComplaintClosed ? TradeWords.Resolutions[r.Next(TradeWords.Resolutions.Length)] : null);
            w.Write(c.Closed is { } closed ? Utc(closed) : (DateTime?)null);
            var updated = c.Closed ?? c.Ticket?.AssignedAt ?? c.Received;
            WriteAudit(w, c.State == Draft ? 1 : 4, c.Received, service, updated, c.State == ComplaintClosed ? users["sunjingli"] : service);
            w.Write(c.Product is { } p ? firstProductId + p : (long?)null);
            w.EndRow();
        }
    }

    private void WriteTickets(TableWriter w, List<ComplaintRow> rows, long firstId, long firstComplaintId)
    {
        var manager = users["sunjingli"];
        var staff = users["xiaozhang"];
        var id = firstId;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Ticket is not { } t) continue;
            var done = t.Status == TicketDone;
            w.Write(id++);
            w.Write(t.Number);
            w.Write(firstComplaintId + i);
            w.Write(firstCompanyId + supplierCount + rows[i].Customer);
            w.Write(manager);
            w.Write(Utc(t.AssignedAt));
            w.Write(done ? staff : (long?)null);
            w.Write(t.Completion);
            w.Write(done ? TradeWords.WorkDone[r.Next(TradeWords.WorkDone.Length)] : null);
            w.Write(t.Hours);
            w.Write(done ? TradeWords.Feedback[r.Next(TradeWords.Feedback.Length)] : null);
            w.Write(t.Status);
            w.Write(t.CompletedAt is { } c ? Utc(c) : (DateTime?)null);
            WriteAudit(w, done ? 2 : 1, t.AssignedAt, manager, t.CompletedAt ?? t.AssignedAt, done ? staff : manager);
            w.EndRow();
        }
    }

    private void WriteRecords(TableWriter w, long firstId, long[] methods)
    {
        var people = new NameFactory(r, []);
        var counts = Generator.Spread(r, customerCount, ContactRecordTarget);
        var id = firstId;
        for (var i = 0; i < customerCount; i++)
        {
            var from = customerCreatedTicks[i];
            var owner = companyOwner[supplierCount + i];
            for (var k = 0; k < counts[i]; k++)
            {
                var at = Utc(from + (long)(r.NextDouble() * (anchor.Ticks - from - TimeSpan.TicksPerMinute)));
                w.Write(id++);
                w.Write(at);
                w.Write(firstCompanyId + supplierCount + i);
                w.Write((long?)null);
                w.Write(people.Person());
                w.Write(methods.Length == 0 ? null : (long?)methods[r.Next(methods.Length)]);
                w.Write(Words.Contents[r.Next(Words.Contents.Length)]);
                w.Write(Words.Outcomes[r.Next(Words.Outcomes.Length)]);
                w.Write(r.Next(3) == 0 ? at.AddDays(r.Next(3, 30)) : (DateTime?)null);
                w.Write(owner);
                WriteAudit(w, 1, at.Ticks, owner, at.Ticks, owner);
                w.EndRow();
            }
        }
    }

    /// <summary>The app's numbering (<see cref="NumberFormat"/>) continued from number_sequences: each
    /// document takes the next number of its creation day's counter.</summary>
    private sealed class Numbers(Dictionary<string, string> patterns, Dictionary<string, long> last)
    {
        private readonly HashSet<string> used = [];

        public string Next(string type, DateOnly day)
        {
            var pattern = patterns.GetValueOrDefault(type) ?? NumberingService.Defaults[type];
            var key = type + "|" + NumberFormat.Period(pattern, day);
            var value = last.GetValueOrDefault(key) + 1;
            last[key] = value;
            used.Add(key);
            return NumberFormat.Format(pattern, day, value);
        }

        public IEnumerable<(string Type, string Period, long Last)> Used() =>
            used.Order(StringComparer.Ordinal).Select(k => k.Split('|', 2)).Select(k => (k[0], k[1], last[k[0] + "|" + k[1]]));
    }
}
