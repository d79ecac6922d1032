using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Contracts;

/// <summary>A 合同 as the page and the API send it. <see cref="Kind"/> is <c>sales</c> (default),
/// <c>purchase</c> or <c>other</c>. The approval fields are refused: they belong to the 上级.</summary>
public sealed class ContractInput
{
    public string? Title { get; set; }
    public string? Kind { get; set; }
    public long? CompanyId { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public decimal? Amount { get; set; }
    public string? OurSignatory { get; set; }
    public string? TheirSignatory { get; set; }
    public string? Terms { get; set; }
    /// <summary>销售单 of the same customer the contract covers (sales and other contracts).</summary>
    public List<long>? SalesOrderIds { get; set; }
    /// <summary>采购单 of the same supplier the contract covers (purchase and other contracts).</summary>
    public List<long>? PurchaseOrderIds { get; set; }
    public int? Version { get; set; }
    public string? ApprovalOpinion { get; set; }
}

/// <summary>Creates, edits, deletes and submits 合同. A 业务员 (sales or purchasing roles) fills it for
/// a company they may see (a purchaser: any supplier, for a 采购合同); only its author changes it,
/// while it is a draft or returned; only a contract never submitted can be deleted.</summary>
public sealed class SaveContract(
    KehuDbContext db,
    NumberingService numbering,
    ContractAccess access,
    SalesOrderAccess salesOrders,
    PurchaseOrderWorkflow purchaseOrders,
    DataScopeProvider scopes,
    WorkflowEngine engine,
    IStringLocalizer<SharedResource> l)
{
    public const int MaxOrders = 50;

    public async Task<Result<Contract>> CreateAsync(long userId, ContractInput input, CancellationToken ct)
    {
        if (!await access.MayAuthorAsync(userId, ct)) return Error.Forbidden(l["只有销售员、采购员及其部门经理可以录入合同"]);
        var details = await ValidateAsync(userId, input, existing: null, ct);
        if (!details.IsSuccess) return details.Error!;
        return await db.InTransactionAsync<Contract>(async token =>
        {
            var contract = new Contract(await numbering.NextAsync(Contract.DocumentType, token), userId, details.Value);
            db.Contracts.Add(contract);
            await db.SaveChangesAsync(token);
            return contract;
        }, ct);
    }

    public async Task<Result<Contract>> UpdateAsync(long userId, long id, ContractInput input, CancellationToken ct)
    {
        var may = await MayEditAsync(userId, id, ct);
        if (!may.IsSuccess) return may.Error!;
        if (input.Version is null) return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        var contract = await db.Contracts.Include(c => c.Orders).FirstAsync(c => c.Id == id, ct);
        var details = await ValidateAsync(userId, input, contract, ct);
        if (!details.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return details.Error!;
        }
        db.Entry(contract).Property(c => c.Version).OriginalValue = input.Version.Value;
        contract.Edit(details.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
        }
        return contract;
    }

    public async Task<Result<bool>> DeleteAsync(long userId, long id, int? version, CancellationToken ct)
    {
        var contract = await db.Contracts.Include(c => c.Orders).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["合同不存在"]);
        if (contract.OwnerId != userId) return Error.Forbidden(l["只有业务员本人可以删除合同"]);
        if (await engine.InstanceAsync(Contract.DocumentType, id, ct) is not null)
            return Error.Conflict(l["合同已提交过，不能删除"]);
        if (version is { } v) db.Entry(contract).Property(c => c.Version).OriginalValue = v;
        db.Contracts.Remove(contract);
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

    /// <summary>Whether the user may change the contract now (404 when it does not exist for them).</summary>
    public async Task<Result<bool>> MayEditAsync(long userId, long id, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["合同不存在"]);
        if (contract.OwnerId != userId) return Error.Forbidden(l["只有业务员本人可以修改合同"]);
        var fields = await engine.EditableFieldsAsync(Contract.DocumentType, id, userId, ct);
        if (!contract.IsEditable || (fields is not null && !ContractWorkflow.DraftFields.All(fields.Contains)))
            return Error.Forbidden(l["合同已提交，不能修改"]);
        return true;
    }

    public async Task<Result<ActResult>> SubmitAsync(long userId, long id, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["合同不存在"]);
        if (contract.OwnerId != userId) return Error.Forbidden(l["只有业务员本人可以提交合同"]);
        return await engine.SubmitAsync(Contract.DocumentType, id, userId, null, ct);
    }

    private async Task<bool> MaySeeAsync(long userId, long id, CancellationToken ct) =>
        await (await access.VisibleAsync(userId, ct)).AnyAsync(c => c.Id == id, ct);

    private async Task<Result<ContractDetails>> ValidateAsync(long userId, ContractInput input, Contract? existing, CancellationToken ct)
    {
        var v = new Validation();
        if (input.ApprovalOpinion is not null) v.Add("approvalOpinion", l["{0}只能由上级在审批时填写", l["审批意见"]]);

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) v.Add("title", l["{0}不能为空", l["合同名称"]]);
        else if (title.Length > Contract.MaxTitle) v.Add("title", l["{0}不能超过 {1} 个字符", l["合同名称"], Contract.MaxTitle]);

        var kind = input.Kind is null ? ContractKind.Sales : ContractLabels.ParseKind(input.Kind);
        if (kind is null) v.Add("kind", l["{0}的取值无效", l["合同类型"]]);

        if (input.CompanyId is not { } companyId) v.Add("companyId", l["{0}不能为空", l["客户"]]);
        else if (companyId != existing?.CompanyId && !await MayUseCompanyAsync(userId, companyId, kind, ct))
            v.Add("companyId", l["{0}的取值无效", l["客户"]]);

        var earliest = new DateOnly(1990, 1, 1);
        var latest = new DateOnly(2200, 12, 31);
        foreach (var (name, label, date) in new[] { ("signedOn", "签订日期", input.SignedOn), ("startsOn", "开始日期", input.StartsOn), ("endsOn", "结束日期", input.EndsOn) })
        {
            if (date is { } d && (d < earliest || d > latest)) v.Add(name, l["{0}的取值无效", l[label]]);
        }
        if (input.StartsOn is { } start && input.EndsOn is { } end && end < start)
            v.Add("endsOn", l["{0}不能早于{1}", l["结束日期"], l["开始日期"]]);

        if (input.Amount is { } amount)
        {
            if (amount < 0) v.Add("amount", l["{0}不能为负数", l["合同金额"]]);
            else if (decimal.Round(amount, 2) != amount) v.Add("amount", l["{0}最多 {1} 位小数", l["合同金额"], 2]);
            else if (amount >= 10_000_000_000_000m) v.Add("amount", l["{0}的取值无效", l["合同金额"]]);
        }
        if (input.OurSignatory?.Trim() is { Length: > Contract.MaxSignatory }) v.Add("ourSignatory", l["{0}不能超过 {1} 个字符", l["我方签约人"], Contract.MaxSignatory]);
        if (input.TheirSignatory?.Trim() is { Length: > Contract.MaxSignatory }) v.Add("theirSignatory", l["{0}不能超过 {1} 个字符", l["对方签约人"], Contract.MaxSignatory]);
        if (input.Terms?.Trim() is { Length: > Contract.MaxTerms }) v.Add("terms", l["{0}不能超过 {1} 个字符", l["合同内容"], Contract.MaxTerms]);

        var orders = new List<OrderRef>();
        if (v.IsValid && kind is { } k && input.CompanyId is { } company)
            orders = await OrdersAsync(userId, input, k, company, v, ct);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new ContractDetails(title!, kind!.Value, input.CompanyId!.Value, input.SignedOn, input.StartsOn, input.EndsOn, input.Amount,
            input.OurSignatory, input.TheirSignatory, input.Terms, orders);
    }

    /// <summary>A company the user may see; for a 采购合同 by a purchasing role, any supplier.</summary>
    private async Task<bool> MayUseCompanyAsync(long userId, long companyId, ContractKind? kind, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        if (await CompanyScope.AccessAsync(db, scope, companyId, ct) != CompanyAccess.None) return true;
        return kind == ContractKind.Purchase && await access.IsPurchasingAsync(userId, ct)
            && await db.Companies.AnyAsync(c => c.Id == companyId && c.IsSupplier, ct);
    }

    /// <summary>The related orders: of the contract's company, seen by the user, of the kind the
    /// contract covers (a 销售合同 销售单, a 采购合同 采购单, 其他 either).</summary>
    private async Task<List<OrderRef>> OrdersAsync(long userId, ContractInput input, ContractKind kind, long companyId, Validation v, CancellationToken ct)
    {
        var salesIds = (input.SalesOrderIds ?? []).Distinct().ToList();
        var purchaseIds = (input.PurchaseOrderIds ?? []).Distinct().ToList();
        var result = new List<OrderRef>();
        if (salesIds.Count + purchaseIds.Count > MaxOrders)
        {
            v.Add("salesOrderIds", l["一份合同最多关联 {0} 张订单", MaxOrders]);
            return result;
        }
        if (salesIds.Count > 0)
        {
            if (kind == ContractKind.Purchase) v.Add("salesOrderIds", l["采购合同不能关联销售单"]);
            else
            {
                var visible = await salesOrders.VisibleAsync(userId, ct);
                var found = visible is null ? [] : await visible.Where(o => salesIds.Contains(o.Id) && o.CustomerId == companyId)
                    .Select(o => new OrderRef(SalesOrder.DocumentType, o.Id, o.Number)).ToListAsync(ct);
                if (found.Count != salesIds.Count) v.Add("salesOrderIds", l["{0}中有无效的单据（须为该客户的、你能查看的销售单）", l["相关销售单"]]);
                result.AddRange(found);
            }
        }
        if (purchaseIds.Count > 0)
        {
            if (kind == ContractKind.Sales) v.Add("purchaseOrderIds", l["销售合同不能关联采购单"]);
            else
            {
                var found = !await purchaseOrders.MaySeeAsync(userId, ct) ? [] : await db.PurchaseOrders.AsNoTracking()
                    .Where(o => purchaseIds.Contains(o.Id) && o.SupplierId == companyId)
                    .Select(o => new OrderRef(PurchaseOrder.DocumentType, o.Id, o.Number)).ToListAsync(ct);
                if (found.Count != purchaseIds.Count) v.Add("purchaseOrderIds", l["{0}中有无效的单据（须为该供应商的、你能查看的采购单）", l["相关采购单"]]);
                result.AddRange(found);
            }
        }
        return result;
    }
}
