using System.Globalization;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory;

/// <summary>One line of a document to post. <see cref="Quantity"/> is what moves: positive for
/// opening stock, receipts and issues (the kind gives the direction), signed for adjustments.
/// <see cref="UnitCost"/> is the cost of goods coming in; left out, the product's average cost.</summary>
public sealed record StockLine(int Line, long ProductId, long WarehouseId, decimal Quantity, decimal? UnitCost = null);

/// <summary>A document's lines to post to the ledger: which document (type, id, and its number for
/// people), what kind of move, and who did it.</summary>
public sealed record StockPosting(string DocumentType, long DocumentId, string? DocumentNumber, StockMoveKind Kind, IReadOnlyList<StockLine> Lines, long? UserId, string? Note = null);

/// <summary>A counted line: the quantity found of a product in the count's warehouse.</summary>
public sealed record CountLine(int Line, long ProductId, decimal Counted);

/// <summary>A stock count to post: its document, the warehouse counted, and what was found.</summary>
public sealed record StockCount(string DocumentType, long DocumentId, string? DocumentNumber, long WarehouseId, IReadOnlyList<CountLine> Lines, long? UserId, string? Note = null);

/// <summary>What a counted line was compared with (on hand then) and the cost and amount of its move.</summary>
public sealed record CountedLine(decimal OnHand, decimal UnitCost, decimal Amount);

/// <summary>The moves written now, and how many lines had been posted before (and were skipped).</summary>
public sealed record PostingResult(IReadOnlyList<StockMove> Posted, int AlreadyPosted);

/// <summary>
/// Posts documents to the stock ledger — the one way stock changes (README). Call it inside the
/// caller's transaction (e.g. through <see cref="Transactions.InTransactionAsync{T}"/>, which retries
/// on concurrency failures), so the document's own change and its stock moves commit together; on a
/// failed result, roll back.
/// </summary>
public sealed class InventoryService(
    KehuDbContext db,
    DatabaseInfo database,
    ProductCatalog products,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public const decimal MaxQuantity = 1_000_000_000m;

    public async Task<Result<PostingResult>> PostAsync(StockPosting posting, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Stock is posted inside the transaction that saves the document.");
        CheckShape(posting);

        var productIds = posting.Lines.Select(x => x.ProductId).Distinct().Order().ToList();
        var known = await products.Query().Where(p => productIds.Contains(p.Id)).Select(p => new { p.Id, p.Code, p.Name }).ToDictionaryAsync(p => p.Id, ct);
        var warehouseIds = posting.Lines.Select(x => x.WarehouseId).Distinct().ToList();
        var warehouses = await db.Warehouses.AsNoTracking().Where(w => warehouseIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        if (productIds.Any(id => !known.ContainsKey(id))) return Invalid("lines", l["商品不存在"]);
        if (warehouseIds.Any(id => !warehouses.ContainsKey(id))) return Invalid("warehouseId", l["仓库不存在"]);
        var allowNegative = await AllowsNegativeStockAsync(ct);

        // Each product's valuation row is locked, in id order so two documents never wait on each
        // other; from here until commit no other posting can change these products' stock. What is
        // read from here on is read under the lock, so kept to the stock itself.
        foreach (var productId in productIds) await LockAsync(productId, ct);

        var done = await db.StockMoves.AsNoTracking()
            .Where(m => m.DocumentType == posting.DocumentType && m.DocumentId == posting.DocumentId)
            .Select(m => m.DocumentLine).ToListAsync(ct);
        var lines = posting.Lines.Where(x => !done.Contains(x.Line)).ToList();
        if (lines.Count == 0) return new PostingResult([], posting.Lines.Count);

        foreach (var pair in lines.Select(x => (x.ProductId, x.WarehouseId)).Distinct())
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO stock_balances (product_id, warehouse_id, quantity, version) VALUES ({pair.ProductId}, {pair.WarehouseId}, 0, 1) ON CONFLICT (product_id, warehouse_id) DO NOTHING", ct);
        }
        var valuations = await db.StockValuations.AsNoTracking().Where(v => productIds.Contains(v.ProductId))
            .ToDictionaryAsync(v => v.ProductId, v => new Tally(v.Quantity, v.AverageCost, v.Version), ct);
        var balances = (await db.StockBalances.AsNoTracking().Where(b => productIds.Contains(b.ProductId) && warehouseIds.Contains(b.WarehouseId)).ToListAsync(ct))
            .ToDictionary(b => (b.ProductId, b.WarehouseId), b => new Tally(b.Quantity, 0, b.Version));

        var now = clock.GetUtcNow().UtcDateTime;
        var moves = new List<StockMove>(lines.Count);
        // Every short line is named at once, so the user fixes the order in one go.
        var shortages = new List<string>();
        foreach (var line in lines)
        {
            var quantity = posting.Kind switch
            {
                StockMoveKind.Opening or StockMoveKind.Receipt => line.Quantity,
                StockMoveKind.Issue => -line.Quantity,
                StockMoveKind.Adjustment => line.Quantity,
                _ => throw new ArgumentOutOfRangeException(nameof(posting), posting.Kind, null),
            };
            var product = valuations[line.ProductId];
            var balance = balances[(line.ProductId, line.WarehouseId)];
            if (quantity < 0 && !allowNegative && balance.Quantity + quantity < 0)
            {
                var p = known[line.ProductId];
                shortages.Add(l["商品“{0}”（{1}）库存不足：{2}现有 {3}，需要 {4}",
                    p.Name, p.Code, warehouses[line.WarehouseId], Quantity(balance.Quantity), Quantity(-quantity)].Value);
            }
            var (unitCost, average) = Valuation.Apply(product.Quantity, product.AverageCost, quantity, line.UnitCost);
            valuations[line.ProductId] = product with { Quantity = product.Quantity + quantity, AverageCost = average, Changed = true };
            balances[(line.ProductId, line.WarehouseId)] = balance with { Quantity = balance.Quantity + quantity, Changed = true };
            moves.Add(new StockMove(posting, line, now, quantity, unitCost, balance.Quantity + quantity, average));
        }

        if (shortages.Count > 0) return Error.Conflict(string.Join("；", shortages));

        foreach (var (productId, v) in valuations.Where(kv => kv.Value.Changed))
        {
            var rows = await db.StockValuations.Where(x => x.ProductId == productId && x.Version == v.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Quantity, v.Quantity).SetProperty(x => x.AverageCost, v.AverageCost).SetProperty(x => x.Version, v.Version + 1), ct);
            if (rows != 1) throw new ConcurrentChangeException($"Product {productId}'s stock changed during a posting.");
        }
        foreach (var ((productId, warehouseId), b) in balances.Where(kv => kv.Value.Changed))
        {
            var rows = await db.StockBalances.Where(x => x.ProductId == productId && x.WarehouseId == warehouseId && x.Version == b.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Quantity, b.Quantity).SetProperty(x => x.Version, b.Version + 1), ct);
            if (rows != 1) throw new ConcurrentChangeException($"Product {productId}'s stock in warehouse {warehouseId} changed during a posting.");
        }
        db.StockMoves.AddRange(moves);
        await StockMonthSums.AddAsync(db, moves, ct);
        await db.SaveChangesAsync(ct);
        return new PostingResult(moves, posting.Lines.Count - lines.Count);
    }

    /// <summary>
    /// Posts a count (库存盘点): each line's difference between what was counted and what is on hand
    /// in the warehouse now, read under the products' lock, as an adjustment. A line that matches
    /// moves nothing. Lines already posted for the document keep what they posted then. Gives, per
    /// line, the on-hand the count was compared with and the cost and amount of its move.
    /// </summary>
    public async Task<Result<IReadOnlyDictionary<int, CountedLine>>> PostCountAsync(StockCount count, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Stock is posted inside the transaction that saves the document.");
        var productIds = count.Lines.Select(x => x.ProductId).Distinct().Order().ToList();
        foreach (var productId in productIds) await LockAsync(productId, ct);

        var result = new Dictionary<int, CountedLine>();
        var earlier = await db.StockMoves.AsNoTracking()
            .Where(m => m.DocumentType == count.DocumentType && m.DocumentId == count.DocumentId).ToListAsync(ct);
        foreach (var move in earlier) result[move.DocumentLine] = new CountedLine(move.BalanceAfter - move.Quantity, move.UnitCost, move.Amount);

        var onHand = await db.StockBalances.AsNoTracking().Where(b => b.WarehouseId == count.WarehouseId && productIds.Contains(b.ProductId))
            .ToDictionaryAsync(b => b.ProductId, b => b.Quantity, ct);
        var averages = await db.StockValuations.AsNoTracking().Where(v => productIds.Contains(v.ProductId))
            .ToDictionaryAsync(v => v.ProductId, v => v.AverageCost, ct);
        var prices = await products.Query().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PurchasePrice, ct);
        var differences = new List<StockLine>();
        foreach (var line in count.Lines.Where(x => !result.ContainsKey(x.Line)))
        {
            var book = onHand.GetValueOrDefault(line.ProductId);
            var difference = line.Counted - book;
            if (difference == 0)
            {
                result[line.Line] = new CountedLine(book, averages.GetValueOrDefault(line.ProductId), 0);
                continue;
            }
            // Found goods are valued at the average cost; a product never valued yet, at its 进价.
            var cost = averages.GetValueOrDefault(line.ProductId) is > 0 ? (decimal?)null : prices.GetValueOrDefault(line.ProductId);
            differences.Add(new StockLine(line.Line, line.ProductId, count.WarehouseId, difference, difference > 0 ? cost : null));
        }
        if (differences.Count == 0) return result;

        var posted = await PostAsync(new StockPosting(count.DocumentType, count.DocumentId, count.DocumentNumber,
            StockMoveKind.Adjustment, differences, count.UserId, count.Note), ct);
        if (!posted.IsSuccess) return posted.Error!;
        foreach (var move in posted.Value.Posted) result[move.DocumentLine] = new CountedLine(move.BalanceAfter - move.Quantity, move.UnitCost, move.Amount);
        return result;
    }

    /// <summary>
    /// Takes back 期初库存 documents as if they had never been entered (the undo of an opening-stock
    /// import), inside the caller's transaction and under the products' lock: their moves and the
    /// documents are deleted — the one time moves are — and each product's balances, valuation and
    /// month sums become what they were before. Refused, changing nothing and naming the product and
    /// warehouse, when a product has a move of another document after the first of these (its
    /// balances and average cost have been built on them since).
    /// </summary>
    public async Task<Error?> RemoveOpeningAsync(IReadOnlyCollection<long> documentIds, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Opening stock is removed inside the caller's transaction.");
        var moves = new List<StockMove>();
        foreach (var chunk in documentIds.Chunk(500))
            moves.AddRange(await db.StockMoves.AsNoTracking().Where(m => m.DocumentType == OpeningStock.DocumentType && chunk.Contains(m.DocumentId)).ToListAsync(ct));
        var removed = moves.Select(m => m.Id).ToHashSet();
        var firstOf = moves.GroupBy(m => m.ProductId).ToDictionary(g => g.Key, g => g.Min(m => m.Id));
        foreach (var productId in firstOf.Keys.Order()) await LockAsync(productId, ct);

        foreach (var chunk in firstOf.Keys.Order().Chunk(500))
        {
            var since = chunk.Min(id => firstOf[id]);
            var later = await db.StockMoves.AsNoTracking().Where(m => chunk.Contains(m.ProductId) && m.Id > since)
                .OrderBy(m => m.Id).Select(m => new { m.Id, m.ProductId, m.WarehouseId }).ToListAsync(ct);
            if (later.FirstOrDefault(m => m.Id > firstOf[m.ProductId] && !removed.Contains(m.Id)) is { } blocker)
            {
                var product = await products.FindAsync(blocker.ProductId, ct);
                var warehouse = await db.Warehouses.AsNoTracking().Where(w => w.Id == blocker.WarehouseId).Select(w => w.Name).FirstAsync(ct);
                return Error.Conflict(l["商品“{0}”（{1}）在{2}的期初库存之后已有库存变动，不能撤销", product!.Name, product.Code, warehouse]);
            }
        }

        foreach (var (productId, first) in firstOf)
        {
            var before = await db.StockMoves.AsNoTracking().Where(m => m.ProductId == productId && m.Id < first)
                .OrderByDescending(m => m.Id).Select(m => new { m.AverageCostAfter }).FirstOrDefaultAsync(ct);
            var valuation = await db.StockValuations.AsNoTracking().FirstAsync(v => v.ProductId == productId, ct);
            if (before is null)
            {
                await db.StockValuations.Where(v => v.ProductId == productId).ExecuteDeleteAsync(ct);
            }
            else
            {
                var quantity = valuation.Quantity - moves.Where(m => m.ProductId == productId).Sum(m => m.Quantity);
                await db.StockValuations.Where(v => v.ProductId == productId)
                    .ExecuteUpdateAsync(x => x.SetProperty(v => v.Quantity, quantity).SetProperty(v => v.AverageCost, before.AverageCostAfter).SetProperty(v => v.Version, valuation.Version + 1), ct);
            }
            foreach (var inWarehouse in moves.Where(m => m.ProductId == productId).GroupBy(m => m.WarehouseId))
            {
                var warehouseId = inWarehouse.Key;
                var balance = db.StockBalances.Where(b => b.ProductId == productId && b.WarehouseId == warehouseId);
                if (!await db.StockMoves.AnyAsync(m => m.ProductId == productId && m.WarehouseId == warehouseId && m.Id < first, ct))
                {
                    await balance.ExecuteDeleteAsync(ct);
                    continue;
                }
                var current = await balance.AsNoTracking().FirstAsync(ct);
                var quantity = current.Quantity - inWarehouse.Sum(m => m.Quantity);
                await balance.ExecuteUpdateAsync(x => x.SetProperty(b => b.Quantity, quantity).SetProperty(b => b.Version, current.Version + 1), ct);
            }
        }
        await StockMonthSums.SubtractAsync(db, moves, ct);
        foreach (var chunk in documentIds.Chunk(500))
        {
            await db.StockMoves.Where(m => m.DocumentType == OpeningStock.DocumentType && chunk.Contains(m.DocumentId)).ExecuteDeleteAsync(ct);
            await db.OpeningStocks.Where(d => chunk.Contains(d.Id)).ExecuteDeleteAsync(ct);
        }
        return null;
    }

    /// <summary>Whether a posting may take a warehouse below zero (the administrator's setting).</summary>
    public Task<bool> AllowsNegativeStockAsync(CancellationToken ct) =>
        db.InventorySettings.AsNoTracking().Where(s => s.Id == InventorySettings.SingletonId).Select(s => s.AllowNegativeStock).FirstOrDefaultAsync(ct);

    /// <summary>The warehouse postings go to when a document names none.</summary>
    public Task<Warehouse?> DefaultWarehouseAsync(CancellationToken ct) =>
        db.Warehouses.AsNoTracking().OrderByDescending(w => w.IsDefault).ThenBy(w => w.Id).FirstOrDefaultAsync(ct);

    /// <summary>Makes sure the product has a valuation row and holds it until the transaction ends:
    /// PostgreSQL locks the row; on SQLite the transaction holds the database's one writer lock
    /// (EF Core begins SQLite transactions IMMEDIATE), and this insert would take it otherwise.</summary>
    private async Task LockAsync(long productId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO stock_valuations (product_id, quantity, average_cost, version) SELECT id, 0, 0, 1 FROM products WHERE id = {productId} ON CONFLICT (product_id) DO NOTHING", ct);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.SqlQuery<long>($"SELECT product_id AS \"Value\" FROM stock_valuations WHERE product_id = {productId} FOR UPDATE").ToListAsync(ct);
        }
    }

    /// <summary>A malformed posting is a bug in the calling module, not a user's mistake.</summary>
    private static void CheckShape(StockPosting posting)
    {
        if (string.IsNullOrWhiteSpace(posting.DocumentType) || posting.DocumentType.Length > 40)
            throw new ArgumentException("A posting names its document type.", nameof(posting));
        if (posting.Lines.Count == 0) throw new ArgumentException("A posting has lines.", nameof(posting));
        if (posting.Lines.Select(x => x.Line).Distinct().Count() != posting.Lines.Count)
            throw new ArgumentException("Line numbers are unique within a document.", nameof(posting));
        foreach (var line in posting.Lines)
        {
            var signOk = posting.Kind == StockMoveKind.Adjustment ? line.Quantity != 0 : line.Quantity > 0;
            if (!signOk || Math.Abs(line.Quantity) >= MaxQuantity || decimal.Round(line.Quantity, StockLedgerConfiguration.QuantityScale) != line.Quantity)
                throw new ArgumentException($"Line {line.Line}: quantity {line.Quantity} does not fit a {posting.Kind} move.", nameof(posting));
            if (line.UnitCost is < 0) throw new ArgumentException($"Line {line.Line}: a unit cost is not negative.", nameof(posting));
        }
    }

    private static string Quantity(decimal q) => q.ToString("0.###", CultureInfo.InvariantCulture);

    private Error Invalid(string field, string message) => new Validation().Add(field, message).ToError(message);

    private sealed record Tally(decimal Quantity, decimal AverageCost, int Version, bool Changed = false);
}

/// <summary>The moving-average rule, per product over all warehouses.</summary>
public static class Valuation
{
    /// <summary>The unit cost a move of <paramref name="quantity"/> is valued at, and the average
    /// after it. In: at the given cost (or the average when none is given), and the average becomes
    /// the weighted mean of what was on hand and what came in — or simply the new cost when nothing
    /// (or less than nothing) was on hand or is left. Out: at the average, which stays.</summary>
    public static (decimal UnitCost, decimal AverageAfter) Apply(decimal onHand, decimal average, decimal quantity, decimal? unitCost)
    {
        if (quantity < 0) return (average, average);
        var cost = decimal.Round(unitCost ?? average, StockLedgerConfiguration.CostScale, MidpointRounding.AwayFromZero);
        var after = onHand + quantity;
        if (onHand <= 0 || after <= 0) return (cost, cost);
        return (cost, decimal.Round((onHand * average + quantity * cost) / after, StockLedgerConfiguration.CostScale, MidpointRounding.AwayFromZero));
    }
}
