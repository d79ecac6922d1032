using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Inventory.Pages.Opening;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Imports;

/// <summary>期初库存 from a file: each row a product (by 商品编码 and/or 商品名称), a warehouse (by
/// name; empty, the default one), a quantity and a unit cost (empty, the product's 进价), checked by
/// the opening-stock form's rules (<see cref="EnterOpeningStock.CheckLine"/>). A product may have
/// opening stock once per warehouse: twice in the file, or already entered, is a row problem, so the
/// same file imported twice does not double the stock. Each batch posts one numbered 期初库存 per
/// warehouse; the undo takes them back through <see cref="InventoryService.RemoveOpeningAsync"/>.</summary>
public sealed class OpeningStockImport(IServiceScopeFactory scopes, IStringLocalizer<SharedResource> localizer) : IImportKind
{
    public string Name => "opening-stock";
    public string Title => "期初库存";
    public string ListUrl => "/inventory/stock";

    private const int MaxNote = 200;

    private static readonly Dictionary<string, string> ImportKeys = new(StringComparer.Ordinal)
    {
        ["warehouseId"] = "warehouse", ["quantity"] = "quantity", ["unitCost"] = "unitCost",
    };

    public IReadOnlyList<ImportField> Fields { get; } =
    [
        new("warehouse", "仓库"),
        new("productCode", "商品编码", Aliases: ["商品编号"]),
        new("productName", "商品名称"),
        new("quantity", "数量", Required: true),
        new("unitCost", "单位成本", Aliases: ["成本单价"]),
        new("notes", "备注"),
    ];

    public IReadOnlyDictionary<string, object> Example { get; } = new Dictionary<string, object>
    {
        ["warehouse"] = "",
        ["productName"] = "A4 复印纸",
        ["quantity"] = 120m,
        ["unitCost"] = 18.5m,
    };

    /// <summary>The roles that may enter opening stock (<see cref="InventoryModule.StockKeepersPolicy"/>).</summary>
    public async Task<Error?> RefusalAsync(long userId, CancellationToken ct) =>
        await ImportLookups.HasAnyRoleAsync(scopes, userId, InventoryModule.StockKeeperRoles, ct) ? null : Error.Forbidden(localizer[InventoryModule.StockKeepersOnlyMessage]);

    public async Task<IImportSession> StartAsync(IServiceProvider services, long userId, CancellationToken ct)
    {
        var db = services.GetRequiredService<KehuDbContext>();
        var inventory = services.GetRequiredService<InventoryService>();
        var warehouses = await db.Warehouses.AsNoTracking().ToListAsync(ct);
        return new Session(this, db, userId, warehouses, await inventory.DefaultWarehouseAsync(ct), inventory, services.GetRequiredService<ProductCatalog>(),
            services.GetRequiredService<EnterOpeningStock>(), services.GetRequiredService<IStringLocalizer<SharedResource>>());
    }

    private sealed record Plan(long WarehouseId, StockLine Line, string? Note);

    private sealed class Session(OpeningStockImport kind, KehuDbContext db, long userId, List<Warehouse> warehouses, Warehouse? defaultWarehouse,
        InventoryService inventory, ProductCatalog catalog, EnterOpeningStock enter, IStringLocalizer l) : IImportSession
    {
        /// <summary>(product, warehouse) pairs of the file so far, with their row.</summary>
        private readonly Dictionary<(long Product, long Warehouse), int> seen = [];

        /// <summary>Rows written by an earlier run are found by the database check (their product
        /// already has opening stock there), so nothing needs remembering.</summary>
        public void Remember(ImportRow row)
        {
        }

        public async Task<IReadOnlyList<RowOutcome>> CheckAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
        {
            var names = rows.Select(r => NameNormalizer.Normalize(r.Text("productName"))).Where(n => n.Length > 0).Distinct().ToList();
            var codes = rows.Select(r => r.Text("productCode")).OfType<string>().SelectMany(c => new[] { c, c.ToUpperInvariant() }).Distinct().ToList();
            var found = await db.Products.AsNoTracking().Where(p => names.Contains(p.NormalizedName) || codes.Contains(p.Code))
                .Select(p => new { p.Id, p.Code, p.NormalizedName }).ToListAsync(ct);
            var ids = found.Select(p => p.Id).ToList();
            var refs = await catalog.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var byCode = found.ToDictionary(p => p.Code, p => refs[p.Id], StringComparer.OrdinalIgnoreCase);
            var byName = found.ToLookup(p => p.NormalizedName, p => refs[p.Id], StringComparer.Ordinal);
            var entered = (await db.StockMoves.AsNoTracking().Where(m => m.Kind == StockMoveKind.Opening && ids.Contains(m.ProductId))
                .Select(m => new { m.ProductId, m.WarehouseId }).Distinct().ToListAsync(ct)).Select(m => (m.ProductId, m.WarehouseId)).ToHashSet();
            var outcomes = new List<RowOutcome>(rows.Count);
            foreach (var row in rows) outcomes.Add(CheckRow(row, byCode, byName, entered));
            return outcomes;
        }

        private RowOutcome CheckRow(ImportRow row, Dictionary<string, ProductRef> byCode, ILookup<string, ProductRef> byName, HashSet<(long, long)> entered)
        {
            var problems = new RowProblems(row.Number, kind.Fields, l);
            var warehouse = Warehouse(row, problems);
            var product = Product(row, problems);
            var quantity = problems.Number(row, "quantity");
            var unitCost = problems.Number(row, "unitCost");
            var note = row.Text("notes");
            if (note is { Length: > MaxNote }) problems.Add("notes", l["{0}不能超过 {1} 个字符", problems.Label("notes"), MaxNote]);
            if (problems.Items.Count > 0) return problems.Bad();

            var v = new Validation();
            var line = enter.CheckLine(v, "", 0, product, quantity, unitCost, warehouse);
            if (!v.IsValid)
            {
                var productKey = row.Text("productCode") is null ? "productName" : "productCode";
                problems.Add(v.ToError(l["请检查输入"]), new Dictionary<string, string>(ImportKeys) { ["productId"] = productKey }, "quantity");
                return problems.Bad();
            }
            var key = (line!.ProductId, line.WarehouseId);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(row.Text("productCode") is null ? "productName" : "productCode", l["与第 {0} 行重复", first]);
                return problems.Bad();
            }
            seen[key] = row.Number;
            if (entered.Contains(key))
            {
                problems.Add(row.Text("productCode") is null ? "productName" : "productCode",
                    l["商品“{0}”在{1}已录入期初库存", product!.Name, warehouse!.Name]);
                return problems.Bad();
            }
            return new RowOutcome(row.Number, RowAction.Create, [], new Plan(line.WarehouseId, line, note));

            ProductRef? Product(ImportRow r, RowProblems p)
            {
                var code = r.Text("productCode");
                var name = r.Text("productName");
                ProductRef? byCodeRef = null;
                if (code is not null && !byCode.TryGetValue(code, out byCodeRef))
                {
                    p.Add("productCode", l["商品编码 {0} 不存在", code]);
                    return null;
                }
                if (name is null)
                {
                    if (byCodeRef is null) p.Add("productName", l["请填写商品编码或商品名称"]);
                    return byCodeRef;
                }
                var named = byName[NameNormalizer.Normalize(name)].ToList();
                if (byCodeRef is not null)
                {
                    if (named.All(x => x.Id != byCodeRef.Id)) p.Add("productName", l["商品编码 {0} 的商品不是“{1}”", code!, name]);
                    return byCodeRef;
                }
                if (named.Count == 0) p.Add("productName", l["商品“{0}”不存在", name]);
                else if (named.Count > 1) p.Add("productName", l["有 {0} 个商品名为“{1}”，请填写商品编码", named.Count, name]);
                return named.Count == 1 ? named[0] : null;
            }
        }

        /// <summary>The warehouse named in the row, or the default one when none is; null with a problem otherwise.</summary>
        private Warehouse? Warehouse(ImportRow row, RowProblems problems)
        {
            if (row.Text("warehouse") is not { } name)
            {
                if (enter.WarehouseProblem(defaultWarehouse) is { } refused) problems.Add("warehouse", refused);
                return defaultWarehouse;
            }
            var normalized = NameNormalizer.Normalize(name);
            var warehouse = warehouses.FirstOrDefault(w => NameNormalizer.Normalize(w.Name) == normalized);
            if (warehouse is null) problems.Add("warehouse", l["{0}“{1}”不存在", problems.Label("warehouse"), name]);
            else if (!warehouse.IsActive) problems.Add("warehouse", l["仓库“{0}”已停用", warehouse.Name]);
            return warehouse;
        }

        /// <summary>One 期初库存 per warehouse (and 备注) of the batch, posted in the batch's transaction.</summary>
        public async Task<IReadOnlyList<ImportedRow>> WriteAsync(long jobId, IReadOnlyList<RowOutcome> rows, CancellationToken ct)
        {
            var file = await db.Set<ImportJob>().AsNoTracking().Where(j => j.Id == jobId).Select(j => j.FileName).FirstAsync(ct);
            var journal = new List<ImportedRow>();
            foreach (var document in rows.GroupBy(r => (((Plan)r.Plan!).WarehouseId, ((Plan)r.Plan!).Note)))
            {
                var lines = document.Select((r, i) => ((Plan)r.Plan!).Line with { Line = i + 1 }).ToList();
                var notes = document.Key.Note is { } note ? l["导入：{0}；{1}", file, note] : l["导入：{0}", file];
                var recorded = await enter.RecordAsync(userId, document.Key.WarehouseId, notes, lines, ct);
                if (!recorded.IsSuccess) throw new InvalidOperationException(recorded.Error!.Message);
                journal.Add(new ImportedRow(jobId, document.First().Row, nameof(OpeningStock), recorded.Value.Document.Id, ImportedAction.Created, null, recorded.Value.Document.Version));
            }
            return journal;
        }

        public Task<Error?> UndoAsync(IReadOnlyList<ImportedRow> journal, CancellationToken ct) =>
            inventory.RemoveOpeningAsync([.. journal.Where(j => j.EntityType == nameof(OpeningStock)).Select(j => j.EntityId)], ct);
    }
}
