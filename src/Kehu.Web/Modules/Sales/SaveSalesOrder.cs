using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Numbering;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Sales;

/// <summary>A 销售单 as the page and the API send it. The customer is either chosen
/// (<see cref="CustomerId"/>) or typed as a new name (<see cref="CustomerName"/>), which creates it.
/// Without a 日期, today. Review fields are refused: they belong to the sales manager at review.</summary>
public sealed class SalesOrderInput
{
    public DateOnly? OrderDate { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>A customer not in 客户信息表 yet: saving creates it, owned by the salesperson.</summary>
    public string? CustomerName { get; set; }
    public string? Notes { get; set; }
    public List<OrderLineInput>? Lines { get; set; }
    public int? Version { get; set; }
    public long? ReviewerId { get; set; }
    public string? ReviewOpinion { get; set; }
    public DateOnly? ReviewDate { get; set; }
}

/// <summary>Creates, edits, deletes and submits 销售单. Only a 销售员 creates one; only its
/// salesperson edits it, while it is a draft or returned; only an order never submitted can be
/// deleted. Any active product may be sold; 单价 defaults to its 售价.</summary>
public sealed class SaveSalesOrder(
    KehuDbContext db,
    NumberingService numbering,
    OrderLineRules lineRules,
    SalesOrderAccess access,
    DataScopeProvider scopes,
    WorkflowEngine engine,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public const int MaxCustomerName = 200;

    public async Task<Result<SalesOrder>> CreateAsync(long userId, SalesOrderInput input, CancellationToken ct)
    {
        if (!await access.MaySellAsync(userId, ct)) return Error.Forbidden(l["只有销售员可以录入销售单"]);
        var details = await ValidateAsync(userId, input, existing: null, ct);
        if (!details.IsSuccess) return details.Error!;
        return await db.InTransactionAsync<SalesOrder>(async token =>
        {
            var customer = await CustomerAsync(userId, details.Value, token);
            if (!customer.IsSuccess) return customer.Error!;
            var order = new SalesOrder(await numbering.NextAsync(SalesOrder.DocumentType, token), userId, details.Value.Order with { CustomerId = customer.Value });
            db.SalesOrders.Add(order);
            await db.SaveChangesAsync(token);
            return order;
        }, ct);
    }

    public async Task<Result<SalesOrder>> UpdateAsync(long userId, long id, SalesOrderInput input, CancellationToken ct)
    {
        var may = await MayEditAsync(userId, id, ct);
        if (!may.IsSuccess) return may.Error!;
        if (input.Version is null) return new Validation().Add("version", l["{0}不能为空", "version"]).ToError(l["请检查输入"]);
        var existing = await db.SalesOrders.AsNoTracking().Include(a => a.Lines).FirstAsync(a => a.Id == id, ct);
        var details = await ValidateAsync(userId, input, existing, ct);
        if (!details.IsSuccess) return details.Error!;
        return await db.InTransactionAsync<SalesOrder>(async token =>
        {
            var order = await db.SalesOrders.Include(a => a.Lines).FirstAsync(a => a.Id == id, token);
            var customer = await CustomerAsync(userId, details.Value, token);
            if (!customer.IsSuccess) return customer.Error!;
            db.Entry(order).Property(a => a.Version).OriginalValue = input.Version.Value;
            order.Edit(details.Value.Order with { CustomerId = customer.Value });
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict(l["该记录已被其他人修改，请刷新后重新编辑"]);
            }
            return order;
        }, ct);
    }

    public async Task<Result<bool>> DeleteAsync(long userId, long id, int? version, CancellationToken ct)
    {
        var order = await db.SalesOrders.Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["销售单不存在"]);
        if (order.SalespersonId != userId) return Error.Forbidden(l["只有销售员本人可以删除销售单"]);
        if (await engine.InstanceAsync(SalesOrder.DocumentType, id, ct) is not null)
            return Error.Conflict(l["销售单已提交过，不能删除"]);
        if (version is { } v) db.Entry(order).Property(a => a.Version).OriginalValue = v;
        db.SalesOrders.Remove(order);
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

    /// <summary>Whether the user may change the order now (404 when it does not exist for them).</summary>
    public async Task<Result<bool>> MayEditAsync(long userId, long id, CancellationToken ct)
    {
        var order = await db.SalesOrders.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["销售单不存在"]);
        if (order.SalespersonId != userId) return Error.Forbidden(l["只有销售员本人可以修改销售单"]);
        var fields = await engine.EditableFieldsAsync(SalesOrder.DocumentType, id, userId, ct);
        if (!order.IsEditable || (fields is not null && !SalesOrderWorkflow.DraftFields.All(fields.Contains)))
            return Error.Forbidden(l["销售单已提交，不能修改"]);
        return true;
    }

    public async Task<Result<ActResult>> SubmitAsync(long userId, long id, CancellationToken ct)
    {
        var order = await db.SalesOrders.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null || !await MaySeeAsync(userId, id, ct)) return Error.NotFound(l["销售单不存在"]);
        if (order.SalespersonId != userId) return Error.Forbidden(l["只有销售员本人可以提交销售单"]);
        return await engine.SubmitAsync(SalesOrder.DocumentType, id, userId, null, ct);
    }

    private async Task<bool> MaySeeAsync(long userId, long id, CancellationToken ct) =>
        await access.VisibleAsync(userId, ct) is { } visible && await visible.AnyAsync(o => o.Id == id, ct);

    private sealed record Checked(SalesOrderDetails Order, string? NewCustomer);

    /// <summary>The customer named by the order: the one chosen, else the visible company with that
    /// name, else a new one (客户, owned by the salesperson). Runs inside the order's transaction, so
    /// a refused order leaves no company behind.</summary>
    private async Task<Result<long>> CustomerAsync(long userId, Checked details, CancellationToken ct)
    {
        if (details.NewCustomer is not { } name) return details.Order.CustomerId;
        var normalized = NameNormalizer.Normalize(name);
        var same = await db.Companies.AsNoTracking().Where(c => c.NormalizedName == normalized).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (same is { } id)
        {
            var scope = await scopes.ForAsync(userId, ct);
            return await CompanyScope.AccessAsync(db, scope, id, ct) != CompanyAccess.None
                ? id
                : new Validation().Add("customerName", l["客户“{0}”已由其他同事负责，请联系管理员共享给你", name]).ToError(l["请检查输入"]);
        }
        var company = new Company(await numbering.NextAsync("company", ct), new CompanyDetails(name, IsCustomer: true, IsSupplier: false,
            null, null, null, null, null, null, null, null, null, null, userId, null));
        db.Companies.Add(company);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Someone saved the same name a moment ago: the retried unit of work finds and uses it.
            throw new ConcurrentChangeException($"A company named {name} was created meanwhile.", e);
        }
        return company.Id;
    }

    private async Task<Result<Checked>> ValidateAsync(long userId, SalesOrderInput input, SalesOrder? existing, CancellationToken ct)
    {
        var v = new Validation();
        if (input.ReviewerId is not null) v.Add("reviewerId", l["{0}只能由销售部经理在审核时填写", l["审核人"]]);
        if (input.ReviewOpinion is not null) v.Add("reviewOpinion", l["{0}只能由销售部经理在审核时填写", l["审核意见"]]);
        if (input.ReviewDate is not null) v.Add("reviewDate", l["{0}只能由销售部经理在审核时填写", l["审核日期"]]);

        var newName = string.IsNullOrWhiteSpace(input.CustomerName) ? null : input.CustomerName.Trim();
        if (input.CustomerId is null && newName is null) v.Add("customerId", l["请选择客户或填写新客户名称"]);
        else if (input.CustomerId is not null && newName is not null) v.Add("customerName", l["已选择客户时不要再填写新客户名称"]);
        else if (newName is { Length: > MaxCustomerName }) v.Add("customerName", l["{0}不能超过 {1} 个字符", l["新客户名称"], MaxCustomerName]);
        else if (newName is not null && NameNormalizer.Normalize(newName).Length == 0) v.Add("customerName", l["{0}的取值无效", l["新客户名称"]]);
        else if (input.CustomerId is { } cid && cid != existing?.CustomerId)
        {
            var scope = await scopes.ForAsync(userId, ct);
            var isCustomer = await db.Companies.AsNoTracking().Where(c => c.Id == cid).Select(c => (bool?)c.IsCustomer).FirstOrDefaultAsync(ct);
            if (isCustomer != true || await CompanyScope.AccessAsync(db, scope, cid, ct) == CompanyAccess.None)
                v.Add("customerId", l["{0}的取值无效", l["客户"]]);
        }
        var today = zone.Today(clock);
        var orderDate = input.OrderDate ?? existing?.OrderDate ?? today;
        if (orderDate > today.AddYears(1) || orderDate < today.AddYears(-10)) v.Add("orderDate", l["{0}的取值无效", l["日期"]]);
        if (input.Notes is { Length: > 500 }) v.Add("notes", l["{0}不能超过 {1} 个字符", l["备注"], 500]);

        var lines = await lineRules.CheckAsync(input.Lines, existing?.Lines, p => p.SalePrice, _ => null, v, ct);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        return new Checked(new SalesOrderDetails(orderDate, input.CustomerId ?? 0, input.Notes, lines), newName);
    }
}
