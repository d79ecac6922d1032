using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Adjustments;

public sealed class StockAdjustmentLineInput
{
    public long? ProductId { get; set; }
    /// <summary>实盘数量.</summary>
    public decimal? Counted { get; set; }
    public string? Note { get; set; }
}

/// <summary>A 库存盘点单 as the page and the API send it. Without a warehouse, the default one;
/// without a 盘点日期, today.</summary>
public sealed class StockAdjustmentInput
{
    public long? WarehouseId { get; set; }
    public DateOnly? CountedOn { get; set; }
    public string? Notes { get; set; }
    public List<StockAdjustmentLineInput>? Lines { get; set; }
    public int? Version { get; set; }
}

/// <summary>Creates, edits, deletes and submits 库存盘点单. A warehouse keeper or purchaser counts;
/// only the counter edits, while the document is a draft or returned to them; only a document never
/// submitted can be deleted.</summary>
public sealed class SaveStockAdjustment(
    KehuDbContext db,
    NumberingService numbering,
    InventoryService inventory,
    ProductCatalog products,
    WorkflowEngine engine,
    WorkflowDirectory directory,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<StockAdjustment>> CreateAsync(long userId, StockAdjustmentInput input, CancellationToken ct)
    {
        if (!await MayCountAsync(userId, ct)) return Error.Forbidden(l[StockAdjustmentWorkflow.CountersOnlyMessage]);
        var details = await ValidateAsync(input, existing: null, ct);
        if (!details.IsSuccess) return details.Error!;
        return await db.InTransactionAsync<StockAdjustment>(async token =>
        {
            var adjustment = new StockAdjustment(await numbering.NextAsync(StockAdjustment.DocumentType, token), userId, details.Value);
            db.StockAdjustments.Add(adjustment);
            await db.SaveChangesAsync(token);
            return adjustment;
        }, ct);
    }

    public async Task<Result<StockAdjustment>> UpdateAsync(long userId, long id, StockAdjustmentInput input, CancellationToken ct)
    {
        var may = await MayEditAsync(userId, id, ct);
        if (!may.IsSuccess) return may.Error!;
        if (input.Version is null) return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        var adjustment = await db.StockAdjustments.Include(a => a.Lines).FirstAsync(a => a.Id == id, ct);
        var details = await ValidateAsync(input, adjustment, ct);
        if (!details.IsSuccess) return details.Error!;
        db.Entry(adjustment).Property(a => a.Version).OriginalValue = input.Version.Value;
        adjustment.Edit(details.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return adjustment;
    }

    public async Task<Result<bool>> DeleteAsync(long userId, long id, int? version, CancellationToken ct)
    {
        var adjustment = await db.StockAdjustments.Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (adjustment is null) return Error.NotFound(l["盘点单不存在"]);
        if (adjustment.CounterId != userId) return Error.Forbidden(l["只有盘点人可以删除盘点单"]);
        if (await engine.InstanceAsync(StockAdjustment.DocumentType, id, ct) is not null)
            return Error.Conflict(l["盘点单已提交过，不能删除"]);
        if (version is { } v) db.Entry(adjustment).Property(a => a.Version).OriginalValue = v;
        db.StockAdjustments.Remove(adjustment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return true;
    }

    /// <summary>Whether the user may change the document now (404 when it does not exist).</summary>
    public async Task<Result<bool>> MayEditAsync(long userId, long id, CancellationToken ct)
    {
        var adjustment = await db.StockAdjustments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (adjustment is null) return Error.NotFound(l["盘点单不存在"]);
        if (adjustment.CounterId != userId) return Error.Forbidden(l["只有盘点人可以修改盘点单"]);
        var fields = await engine.EditableFieldsAsync(StockAdjustment.DocumentType, id, userId, ct);
        if (fields is null) return true;
        if (!adjustment.IsEditable || !StockAdjustmentWorkflow.CountFields.All(fields.Contains))
            return Error.Forbidden(l["盘点单已提交，不能修改"]);
        return true;
    }

    public async Task<Result<ActResult>> SubmitAsync(long userId, long id, CancellationToken ct)
    {
        var adjustment = await db.StockAdjustments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (adjustment is null) return Error.NotFound(l["盘点单不存在"]);
        if (adjustment.CounterId != userId) return Error.Forbidden(l["只有盘点人可以提交盘点单"]);
        return await engine.SubmitAsync(StockAdjustment.DocumentType, id, userId, null, ct);
    }

    public async Task<bool> MayCountAsync(long userId, CancellationToken ct)
    {
        var roles = await directory.RolesOfAsync(userId, ct);
        return StockAdjustmentWorkflow.CounterRoles.Any(roles.Contains);
    }

    private async Task<Result<StockAdjustmentDetails>> ValidateAsync(StockAdjustmentInput input, StockAdjustment? existing, CancellationToken ct)
    {
        var v = new Validation();
        var warehouse = input.WarehouseId is { } wid
            ? await db.Warehouses.AsNoTracking().FirstOrDefaultAsync(w => w.Id == wid, ct)
            : await inventory.DefaultWarehouseAsync(ct);
        if (warehouse is null || (!warehouse.IsActive && warehouse.Id != existing?.WarehouseId))
            v.Add("warehouseId", l["{0}的取值无效", l["仓库"]]);
        var today = zone.Today(clock);
        var countedOn = input.CountedOn ?? existing?.CountedOn ?? today;
        if (countedOn > today) v.Add("countedOn", l["{0}不能晚于今天", l["盘点日期"]]);
        else if (countedOn < today.AddYears(-10)) v.Add("countedOn", l["{0}的取值无效", l["盘点日期"]]);
        if (input.Notes is { Length: > 500 }) v.Add("notes", l["{0}不能超过 {1} 个字符", l["备注"], 500]);

        var lines = input.Lines ?? [];
        if (lines.Count == 0) v.Add("lines", l["请至少录入一个商品"]);
        if (lines.Count > StockAdjustment.MaxLines) v.Add("lines", l["一次最多录入 {0} 行", StockAdjustment.MaxLines]);
        var ids = lines.Where(x => x.ProductId is not null).Select(x => x.ProductId!.Value).Distinct().ToList();
        var known = await products.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var kept = existing?.Lines.Select(x => x.ProductId).ToHashSet() ?? [];
        var seen = new Dictionary<long, int>();
        var result = new List<(long, decimal, string?)>();
        for (var i = 0; i < lines.Count && i < StockAdjustment.MaxLines; i++)
        {
            var line = lines[i];
            var prefix = $"lines[{i}].";
            ProductRef? product = null;
            if (line.ProductId is null) v.Add(prefix + "productId", l["{0}不能为空", l["商品"]]);
            else if (!known.TryGetValue(line.ProductId.Value, out product) || (!product.IsActive && !kept.Contains(product.Id)))
            {
                v.Add(prefix + "productId", l["{0}的取值无效", l["商品"]]);
                product = null;
            }
            else if (seen.TryGetValue(product.Id, out var first))
            {
                v.Add(prefix + "productId", l["商品“{0}”已在第 {1} 行录入", product.Name, first + 1]);
            }
            else
            {
                seen[product.Id] = i;
            }
            if (line.Counted is not { } counted) v.Add(prefix + "counted", l["{0}不能为空", l["实盘数量"]]);
            else if (counted < 0) v.Add(prefix + "counted", l["{0}不能小于 0", l["实盘数量"]]);
            else if (counted >= InventoryService.MaxQuantity) v.Add(prefix + "counted", l["{0}太大", l["实盘数量"]]);
            else if (decimal.Round(counted, StockLedgerConfiguration.QuantityScale) != counted)
                v.Add(prefix + "counted", l["{0}最多 {1} 位小数", l["实盘数量"], StockLedgerConfiguration.QuantityScale]);
            if (line.Note is { Length: > 200 }) v.Add(prefix + "note", l["{0}不能超过 {1} 个字符", l["备注"], 200]);
            if (product is not null && line.Counted is { } c) result.Add((product.Id, c, line.Note));
        }
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new StockAdjustmentDetails(warehouse!.Id, countedOn, input.Notes, result);
    }
}
