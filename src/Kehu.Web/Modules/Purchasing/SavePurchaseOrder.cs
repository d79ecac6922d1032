using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Money;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Purchasing;

public sealed class PurchaseOrderLineInput
{
    public long? ProductId { get; set; }
    public decimal? Quantity { get; set; }
    /// <summary>单价; left out, the product's 进价.</summary>
    public decimal? UnitPrice { get; set; }
    /// <summary>折扣; left out, 1.</summary>
    public decimal? Discount { get; set; }
}

/// <summary>A 采购单 as the page and the API send it. Without a 日期, today. Review fields are not
/// part of it: sending them is refused (they belong to the purchase manager at review).</summary>
public sealed class PurchaseOrderInput
{
    public DateOnly? OrderDate { get; set; }
    public long? SupplierId { get; set; }
    public string? Notes { get; set; }
    public List<PurchaseOrderLineInput>? Lines { get; set; }
    public int? Version { get; set; }
    public long? ReviewerId { get; set; }
    public string? ReviewOpinion { get; set; }
    public DateOnly? ReviewDate { get; set; }
}

/// <summary>Creates, edits, deletes and submits 采购单. Only a 采购员 creates one; only its purchaser
/// edits it, while it is a draft or returned; only an order never submitted can be deleted.</summary>
public sealed class SavePurchaseOrder(
    KehuDbContext db,
    NumberingService numbering,
    ProductCatalog products,
    WorkflowEngine engine,
    WorkflowDirectory directory,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Result<PurchaseOrder>> CreateAsync(long userId, PurchaseOrderInput input, CancellationToken ct)
    {
        if (!await MayPurchaseAsync(userId, ct)) return Error.Forbidden(l["只有采购员可以录入采购单"]);
        var details = await ValidateAsync(input, existing: null, ct);
        if (!details.IsSuccess) return details.Error!;
        return await db.InTransactionAsync<PurchaseOrder>(async token =>
        {
            var order = new PurchaseOrder(await numbering.NextAsync(PurchaseOrder.DocumentType, token), userId, details.Value);
            db.PurchaseOrders.Add(order);
            await db.SaveChangesAsync(token);
            return order;
        }, ct);
    }

    public async Task<Result<PurchaseOrder>> UpdateAsync(long userId, long id, PurchaseOrderInput input, CancellationToken ct)
    {
        var may = await MayEditAsync(userId, id, ct);
        if (!may.IsSuccess) return may.Error!;
        if (input.Version is null) return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        var order = await db.PurchaseOrders.Include(a => a.Lines).FirstAsync(a => a.Id == id, ct);
        var details = await ValidateAsync(input, order, ct);
        if (!details.IsSuccess) return details.Error!;
        db.Entry(order).Property(a => a.Version).OriginalValue = input.Version.Value;
        order.Edit(details.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return order;
    }

    public async Task<Result<bool>> DeleteAsync(long userId, long id, int? version, CancellationToken ct)
    {
        var order = await db.PurchaseOrders.Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null) return Error.NotFound(l["采购单不存在"]);
        if (order.PurchaserId != userId) return Error.Forbidden(l["只有采购员本人可以删除采购单"]);
        if (await engine.InstanceAsync(PurchaseOrder.DocumentType, id, ct) is not null)
            return Error.Conflict(l["采购单已提交过，不能删除"]);
        if (version is { } v) db.Entry(order).Property(a => a.Version).OriginalValue = v;
        db.PurchaseOrders.Remove(order);
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

    /// <summary>Whether the user may change the order now (404 when it does not exist).</summary>
    public async Task<Result<bool>> MayEditAsync(long userId, long id, CancellationToken ct)
    {
        var order = await db.PurchaseOrders.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null) return Error.NotFound(l["采购单不存在"]);
        if (order.PurchaserId != userId) return Error.Forbidden(l["只有采购员本人可以修改采购单"]);
        var fields = await engine.EditableFieldsAsync(PurchaseOrder.DocumentType, id, userId, ct);
        if (!order.IsEditable || (fields is not null && !PurchaseOrderWorkflow.DraftFields.All(fields.Contains)))
            return Error.Forbidden(l["采购单已提交，不能修改"]);
        return true;
    }

    public async Task<Result<ActResult>> SubmitAsync(long userId, long id, CancellationToken ct)
    {
        var order = await db.PurchaseOrders.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null) return Error.NotFound(l["采购单不存在"]);
        if (order.PurchaserId != userId) return Error.Forbidden(l["只有采购员本人可以提交采购单"]);
        return await engine.SubmitAsync(PurchaseOrder.DocumentType, id, userId, null, ct);
    }

    public async Task<bool> MayPurchaseAsync(long userId, CancellationToken ct) =>
        (await directory.RolesOfAsync(userId, ct)).Contains(RoleCodes.Purchaser);

    private async Task<Result<PurchaseOrderDetails>> ValidateAsync(PurchaseOrderInput input, PurchaseOrder? existing, CancellationToken ct)
    {
        var v = new Validation();
        if (input.ReviewerId is not null) v.Add("reviewerId", l["{0}只能由采购部经理在审核时填写", l["审核人"]]);
        if (input.ReviewOpinion is not null) v.Add("reviewOpinion", l["{0}只能由采购部经理在审核时填写", l["审核意见"]]);
        if (input.ReviewDate is not null) v.Add("reviewDate", l["{0}只能由采购部经理在审核时填写", l["审核日期"]]);

        var supplier = input.SupplierId is { } sid
            ? await db.Companies.AsNoTracking().Where(c => c.Id == sid).Select(c => new { c.Id, c.IsSupplier }).FirstOrDefaultAsync(ct)
            : null;
        if (input.SupplierId is null) v.Add("supplierId", l["{0}不能为空", l["供应商"]]);
        else if (supplier is null || (!supplier.IsSupplier && supplier.Id != existing?.SupplierId))
            v.Add("supplierId", l["{0}的取值无效", l["供应商"]]);
        var today = zone.Today(clock);
        var orderDate = input.OrderDate ?? existing?.OrderDate ?? today;
        if (orderDate > today.AddYears(1) || orderDate < today.AddYears(-10)) v.Add("orderDate", l["{0}的取值无效", l["日期"]]);
        if (input.Notes is { Length: > 500 }) v.Add("notes", l["{0}不能超过 {1} 个字符", l["备注"], 500]);

        var lines = input.Lines ?? [];
        if (lines.Count == 0) v.Add("lines", l["请至少录入一个商品"]);
        if (lines.Count > PurchaseOrder.MaxLines) v.Add("lines", l["一次最多录入 {0} 行", PurchaseOrder.MaxLines]);
        var ids = lines.Where(x => x.ProductId is not null).Select(x => x.ProductId!.Value).Distinct().ToList();
        var known = await products.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var kept = existing?.Lines.Select(x => x.ProductId).ToHashSet() ?? [];
        var result = new List<OrderLineDetails>();
        for (var i = 0; i < lines.Count && i < PurchaseOrder.MaxLines; i++)
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
            else if (supplier is not null && product.SupplierId != supplier.Id)
            {
                v.Add(prefix + "productId", l["商品“{0}”不是该供应商的商品", product.Name]);
                product = null;
            }
            var quantity = Positive(line.Quantity, prefix + "quantity", "数量", StockLedgerConfiguration.QuantityScale, v);
            var price = line.UnitPrice ?? product?.PurchasePrice;
            if (line.UnitPrice is { } up)
            {
                if (up < 0) v.Add(prefix + "unitPrice", l["{0}不能小于 0", l["单价"]]);
                else if (up >= InventoryService.MaxQuantity) v.Add(prefix + "unitPrice", l["{0}太大", l["单价"]]);
                else if (decimal.Round(up, StockLedgerConfiguration.CostScale) != up)
                    v.Add(prefix + "unitPrice", l["{0}最多 {1} 位小数", l["单价"], StockLedgerConfiguration.CostScale]);
            }
            var discount = line.Discount ?? 1m;
            if (!LineAmount.IsValidDiscount(discount)) v.Add(prefix + "discount", l["折扣必须大于 0 且不大于 1"]);
            else if (decimal.Round(discount, 4) != discount) v.Add(prefix + "discount", l["{0}最多 {1} 位小数", l["折扣"], 4]);
            if (product is not null && quantity is { } q && price is { } p && v.IsValid)
                result.Add(new OrderLineDetails(product.Id, q, p, discount));
        }
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new PurchaseOrderDetails(orderDate, supplier!.Id, input.Notes, result);
    }

    private decimal? Positive(decimal? value, string field, string label, int scale, Validation v)
    {
        if (value is not { } x) v.Add(field, l["{0}不能为空", l[label]]);
        else if (x <= 0) v.Add(field, l["{0}必须大于 0", l[label]]);
        else if (x >= InventoryService.MaxQuantity) v.Add(field, l["{0}太大", l[label]]);
        else if (decimal.Round(x, scale) != x) v.Add(field, l["{0}最多 {1} 位小数", l[label], scale]);
        else return x;
        return null;
    }
}
