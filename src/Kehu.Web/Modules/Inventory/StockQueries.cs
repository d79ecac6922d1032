using System.Globalization;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory;

/// <summary>One balance as the stock page and API show it. <see cref="Value"/> is the quantity at
/// the product's moving-average cost.</summary>
public sealed record StockRow(long ProductId, string ProductCode, string ProductName, long? UnitId, long WarehouseId, decimal Quantity, decimal AverageCost, decimal Value, decimal? MinimumStock);

/// <summary>The stock list's query string, the same on the page and in the API.</summary>
public sealed class StockQueryString
{
    /// <summary>Product name, code or barcode.</summary>
    public string? Q { get; set; }
    public long? ProductId { get; set; }
    public long? WarehouseId { get; set; }
    /// <summary>Only products whose stock over all warehouses is below their 库存下限.</summary>
    public bool? Low { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

public sealed record MoveRow(StockMove Move, string ProductCode, string ProductName);

/// <summary>The ledger's filters, the same on the page and in the API. Dates are the company's days.</summary>
public sealed class MoveQueryString
{
    public string? Q { get; set; }
    public long? ProductId { get; set; }
    public long? WarehouseId { get; set; }
    public StockMoveKind? Kind { get; set; }
    public string? DocumentType { get; set; }
    public long? DocumentId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

/// <summary>Reads balances and moves, one keyset page at a time.</summary>
public sealed class StockQueries(KehuDbContext db, ProductCatalog catalog, CompanyTimeZone zone)
{
    /// <summary>Balances newest product first, then warehouse; the cursor is (product, warehouse).</summary>
    public async Task<Page<StockRow>> BalancesAsync(StockQueryString f, CancellationToken ct)
    {
        var balances = db.StockBalances.AsNoTracking();
        if (f.ProductId is { } productId) balances = balances.Where(b => b.ProductId == productId);
        if (f.WarehouseId is { } warehouseId) balances = balances.Where(b => b.WarehouseId == warehouseId);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var ids = await catalog.MatchingIdsAsync(f.Q, ct);
            balances = balances.Where(b => ids.Contains(b.ProductId));
        }
        var rows = from b in balances
                   join p in catalog.Query() on b.ProductId equals p.Id
                   join v in db.StockValuations on b.ProductId equals v.ProductId
                   select new { b, p, v };
        if (f.Low == true) rows = rows.Where(x => x.p.MinimumStock != null && x.v.Quantity < x.p.MinimumStock);
        var lines = rows.Select(x => new BalanceLine
        {
            ProductId = x.b.ProductId,
            Product = x.p,
            WarehouseId = x.b.WarehouseId,
            Quantity = x.b.Quantity,
            AverageCost = x.v.AverageCost,
        });

        var page = await Keyset.PageAsync(lines, NewestProduct, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
        var items = page.Items.Select(r => new StockRow(r.ProductId, r.Product.Code, r.Product.Name, r.Product.UnitId, r.WarehouseId, r.Quantity,
            r.AverageCost, decimal.Round(r.Quantity * r.AverageCost, 2, MidpointRounding.AwayFromZero), r.Product.MinimumStock)).ToList();
        return new Page<StockRow>(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
    }

    /// <summary>Moves newest first.</summary>
    public async Task<Page<MoveRow>> MovesAsync(MoveQueryString f, CancellationToken ct)
    {
        var moves = db.StockMoves.AsNoTracking();
        if (f.ProductId is { } productId) moves = moves.Where(m => m.ProductId == productId);
        if (f.WarehouseId is { } warehouseId) moves = moves.Where(m => m.WarehouseId == warehouseId);
        if (f.Kind is { } kind) moves = moves.Where(m => m.Kind == kind);
        if (!string.IsNullOrWhiteSpace(f.DocumentType)) moves = moves.Where(m => m.DocumentType == f.DocumentType);
        if (f.DocumentId is { } documentId) moves = moves.Where(m => m.DocumentId == documentId);
        if (f.From is { } from)
        {
            var start = zone.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            moves = moves.Where(m => m.At >= start);
        }
        if (f.To is { } to)
        {
            var end = zone.EndOfDayUtc(to);
            moves = moves.Where(m => m.At < end);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var ids = await catalog.MatchingIdsAsync(f.Q, ct);
            moves = moves.Where(m => ids.Contains(m.ProductId));
        }
        var lines = from m in moves
                    join p in catalog.Query() on m.ProductId equals p.Id
                    select new MoveLine { Move = m, ProductCode = p.Code, ProductName = p.Name };

        // Counted without the product join: every move has its product.
        var page = await Keyset.PageAsync(lines, NewestMove, new PageRequest(f.Cursor, f.Limit, Descending: true), ct,
            (cursor, token) => PageCount.FirstPageAsync(moves, cursor, token));
        var items = page.Items.Select(r => new MoveRow(r.Move, r.ProductCode, r.ProductName)).ToList();
        return new Page<MoveRow>(items, page.NextCursor, page.PreviousCursor, page.Total, page.TotalIsCapped);
    }

    // Lists page over these (EF Core composes a query over a class set member by member, not over a
    // record built through its constructor), then hand out StockRow and MoveRow.
    private sealed class BalanceLine
    {
        public long ProductId { get; init; }
        public required ProductRef Product { get; init; }
        public long WarehouseId { get; init; }
        public decimal Quantity { get; init; }
        public decimal AverageCost { get; init; }
    }

    private sealed class MoveLine
    {
        public required StockMove Move { get; init; }
        public required string ProductCode { get; init; }
        public required string ProductName { get; init; }
    }

    private static readonly KeysetOrder<BalanceLine> NewestProduct = KeysetOrder.By<BalanceLine>(r => r.ProductId, r => r.WarehouseId, idOpposite: true);

    private static readonly KeysetOrder<MoveLine> NewestMove = KeysetOrder.ById<MoveLine>(r => r.Move.Id);
}

public sealed record LowStockItem(long ProductId, string Code, string Name, decimal OnHand, decimal MinimumStock, long? UnitId);

/// <summary>库存下限 reminders: active products whose stock over all warehouses is below their minimum.</summary>
public sealed class LowStock(KehuDbContext db, ProductCatalog catalog)
{
    public async Task<List<LowStockItem>> HandleAsync(int limit, CancellationToken ct)
    {
        var found = await (from p in catalog.Query()
                           where p.IsActive && p.MinimumStock != null && p.MinimumStock > 0
                           join v in db.StockValuations on p.Id equals v.ProductId into vs
                           from v in vs.DefaultIfEmpty()
                           let onHand = v == null ? 0m : v.Quantity
                           where onHand < p.MinimumStock
                           orderby p.Id
                           select new LowStockItem(p.Id, p.Code, p.Name, onHand, p.MinimumStock!.Value, p.UnitId))
            .Take(limit).ToListAsync(ct);
        return found;
    }
}

/// <summary>How the ledger names the documents that post to it.</summary>
public static class StockDocumentTypes
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [OpeningStock.DocumentType] = "期初库存",
        ["purchase-order"] = "采购单",
        ["sales-order"] = "销售单",
        ["stock-adjustment"] = "库存盘点",
    };

    public static string Label(IStringLocalizer l, string documentType) =>
        Labels.TryGetValue(documentType, out var key) ? l[key] : documentType;

    /// <summary>The resource key naming a move kind.</summary>
    public static string KindLabel(StockMoveKind kind) => kind switch
    {
        StockMoveKind.Opening => "期初",
        StockMoveKind.Receipt => "入库",
        StockMoveKind.Issue => "出库",
        StockMoveKind.Adjustment => "盘点调整",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>A product that has moved stock is used by documents and cannot be deleted.</summary>
public sealed class InventoryProductUsage(KehuDbContext db, IStringLocalizer<SharedResource> l) : IProductUsage
{
    public async Task<string?> DescribeAsync(long productId, CancellationToken ct)
    {
        var moves = await db.StockMoves.Where(m => m.ProductId == productId).Take(1001).CountAsync(ct);
        return moves == 0 ? null : l["{0} 条库存流水", moves > 1000 ? "1,000+" : moves.ToString(CultureInfo.CurrentCulture)].Value;
    }
}
