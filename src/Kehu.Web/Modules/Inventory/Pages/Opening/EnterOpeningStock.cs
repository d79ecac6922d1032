using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Opening;

public sealed class OpeningLineInput
{
    public long? ProductId { get; set; }
    public decimal? Quantity { get; set; }
    /// <summary>Left out: the product's 进价.</summary>
    public decimal? UnitCost { get; set; }
}

/// <summary>期初库存 as the page and the API send it. Without a warehouse, the default one.</summary>
public sealed class OpeningStockInput
{
    public long? WarehouseId { get; set; }
    public string? Notes { get; set; }
    public List<OpeningLineInput>? Lines { get; set; }
}

/// <summary>Records opening stock: a numbered 期初库存 whose lines are posted to the ledger, in one
/// transaction retried on concurrency failures.</summary>
public sealed class EnterOpeningStock(
    KehuDbContext db,
    InventoryService inventory,
    ProductCatalog products,
    NumberingService numbering,
    IStringLocalizer<SharedResource> l)
{
    public const int MaxLines = 500;

    public async Task<Result<(OpeningStock Document, IReadOnlyList<StockMove> Moves)>> HandleAsync(long userId, OpeningStockInput input, CancellationToken ct)
    {
        var v = new Validation();
        var warehouse = input.WarehouseId is { } wid
            ? await db.Warehouses.AsNoTracking().FirstOrDefaultAsync(w => w.Id == wid, ct)
            : await inventory.DefaultWarehouseAsync(ct);
        if (WarehouseProblem(warehouse) is { } refused) v.Add("warehouseId", refused);
        if (input.Notes is { Length: > 500 }) v.Add("notes", l["{0}不能超过 {1} 个字符", l["备注"], 500]);
        var lines = input.Lines ?? [];
        if (lines.Count == 0) v.Add("lines", l["请至少录入一个商品"]);
        if (lines.Count > MaxLines) v.Add("lines", l["一次最多录入 {0} 行", MaxLines]);
        var ids = lines.Where(x => x.ProductId is not null).Select(x => x.ProductId!.Value).Distinct().ToList();
        var known = await products.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var stockLines = new List<StockLine>();
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            var line = lines[i];
            var prefix = $"lines[{i}].";
            ProductRef? product = null;
            if (line.ProductId is null) v.Add(prefix + "productId", l["{0}不能为空", l["商品"]]);
            else if (!known.TryGetValue(line.ProductId.Value, out product)) v.Add(prefix + "productId", l["{0}的取值无效", l["商品"]]);
            if (CheckLine(v, prefix, i + 1, product, line.Quantity, line.UnitCost, warehouse) is { } stockLine) stockLines.Add(stockLine);
        }
        if (!v.IsValid) return v.ToError(l["请检查输入"]);

        return await db.InTransactionAsync(token => RecordAsync(userId, warehouse!.Id, input.Notes, stockLines, token), ct);
    }

    /// <summary>Why opening stock cannot go into <paramref name="warehouse"/> (none, or inactive), or null.</summary>
    public string? WarehouseProblem(Warehouse? warehouse) =>
        warehouse is null || !warehouse.IsActive ? l["{0}的取值无效", l["仓库"]].Value : null;

    /// <summary>One line's rules (the page's, the API's and the import's): an active product, a
    /// quantity above 0 with at most 3 decimals, a unit cost of at least 0 with at most 4. Problems go
    /// to <paramref name="v"/> under <paramref name="prefix"/>; the line to post (its cost the
    /// product's 进价 when none is given) comes back when product and warehouse are known.</summary>
    public StockLine? CheckLine(Validation v, string prefix, int number, ProductRef? product, decimal? quantity, decimal? unitCost, Warehouse? warehouse)
    {
        if (product is { IsActive: false }) v.Add(prefix + "productId", l["{0}的取值无效", l["商品"]]);
        if (quantity is not { } q) v.Add(prefix + "quantity", l["{0}不能为空", l["数量"]]);
        else if (q <= 0) v.Add(prefix + "quantity", l["{0}必须大于 0", l["数量"]]);
        else if (q >= InventoryService.MaxQuantity) v.Add(prefix + "quantity", l["{0}太大", l["数量"]]);
        else if (decimal.Round(q, 3) != q) v.Add(prefix + "quantity", l["{0}最多 {1} 位小数", l["数量"], 3]);
        if (unitCost is { } cost)
        {
            if (cost < 0) v.Add(prefix + "unitCost", l["{0}不能小于 0", l["单位成本"]]);
            else if (cost >= 1_000_000_000_000m) v.Add(prefix + "unitCost", l["{0}太大", l["单位成本"]]);
            else if (decimal.Round(cost, 4) != cost) v.Add(prefix + "unitCost", l["{0}最多 {1} 位小数", l["单位成本"], 4]);
        }
        return product is not null && warehouse is not null && quantity is { } posted
            ? new StockLine(number, product.Id, warehouse.Id, posted, unitCost ?? product.PurchasePrice)
            : null;
    }

    /// <summary>Numbers and saves a 期初库存 and posts its (checked) lines, in the caller's transaction.</summary>
    public async Task<Result<(OpeningStock Document, IReadOnlyList<StockMove> Moves)>> RecordAsync(
        long userId, long warehouseId, string? notes, IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        var document = new OpeningStock(await numbering.NextAsync("opening-stock", ct), warehouseId, notes);
        db.OpeningStocks.Add(document);
        await db.SaveChangesAsync(ct);
        var posted = await inventory.PostAsync(new StockPosting(OpeningStock.DocumentType, document.Id, document.Number,
            StockMoveKind.Opening, lines, userId, document.Notes), ct);
        if (!posted.IsSuccess) return posted.Error!;
        return (document, posted.Value.Posted);
    }
}
