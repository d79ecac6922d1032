using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>A 采购单 as the page and the API send it. Without a 日期, today. Review fields are not
/// part of it: sending them is refused (they belong to the purchase manager at review).</summary>
public sealed class PurchaseOrderInput
{
    public DateOnly? OrderDate { get; set; }
    public long? SupplierId { get; set; }
    public string? Notes { get; set; }
    public List<OrderLineInput>? Lines { get; set; }
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
    OrderLineRules lineRules,
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

        var result = await lineRules.CheckAsync(input.Lines, existing?.Lines, p => p.PurchasePrice,
            p => supplier is not null && p.SupplierId != supplier.Id ? l["商品“{0}”不是该供应商的商品", p.Name].Value : null, v, ct);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new PurchaseOrderDetails(orderDate, supplier!.Id, input.Notes, result);
    }
}
