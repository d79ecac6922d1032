using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Trade;

/// <summary>全部 / 应收 / 应付: which balances a list shows.</summary>
public enum BalanceKind
{
    All,
    Receivable,
    Payable,
}

public enum BalanceSort
{
    Receivable,
    Payable,
    Code,
}

/// <summary>Who sees which balances: receivables the finance manager, the administrator and the
/// sales manager (who sees every sales order); payables the finance manager, the administrator and
/// the purchase manager.</summary>
public sealed record BalanceRights(bool Receivables, bool Payables)
{
    public static readonly IReadOnlyList<string> ReceivableViewers = [RoleCodes.FinanceManager, RoleCodes.Administrator, RoleCodes.SalesManager];
    public static readonly IReadOnlyList<string> PayableViewers = [RoleCodes.FinanceManager, RoleCodes.Administrator, RoleCodes.PurchaseManager];
    public static readonly IReadOnlyList<string> Viewers = ReceivableViewers.Union(PayableViewers).ToList();

    public bool Any => Receivables || Payables;

    public static BalanceRights Of(IReadOnlySet<string> roles) => new(ReceivableViewers.Any(roles.Contains), PayableViewers.Any(roles.Contains));

    /// <summary>The kind asked for, narrowed to what the user may see.</summary>
    public BalanceKind Narrow(BalanceKind kind) => (Receivables, Payables) switch
    {
        (true, false) => BalanceKind.Receivable,
        (false, true) => BalanceKind.Payable,
        _ => kind,
    };
}

/// <summary>One company's open balances. 应收 (receivable) is what the customer still owes on its
/// approved, not fully collected 销售单 (state 待收款): their 应收金额 less what was received of them;
/// 应付 (payable) the same for 采购单 awaiting payment. Drafts, orders in review and rejected ones
/// never count; fully collected or paid ones owe nothing.</summary>
public sealed class BalanceRow
{
    public long CompanyId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>应收金额 of the open sales orders.</summary>
    public decimal SalesTotal { get; init; }
    public decimal Received { get; init; }
    public decimal Receivable { get; init; }
    /// <summary>应付金额 of the open purchase orders.</summary>
    public decimal PurchaseTotal { get; init; }
    public decimal Paid { get; init; }
    public decimal Payable { get; init; }
}

public sealed record BalanceTotals(int Count, decimal SalesTotal, decimal Received, decimal Receivable, decimal PurchaseTotal, decimal Paid, decimal Payable);

/// <summary>The 应收应付 list's filters, the same on the page and in the API.</summary>
public sealed class BalanceQuery
{
    /// <summary>单位名称 (or 客户编号) search.</summary>
    public string? Q { get; set; }
    /// <summary>all (default), receivable or payable.</summary>
    public string? Kind { get; set; }
    /// <summary>receivable, payable or code; by default the amount of the kind shown.</summary>
    public string? Sort { get; set; }
    /// <summary>desc (default) or asc.</summary>
    public string? Dir { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }
}

public sealed record BalanceList(Page<BalanceRow> Page, BalanceTotals Totals, BalanceRights Rights, BalanceKind Kind, BalanceSort Sort, bool Descending);

/// <summary>
/// 应收应付: every company's open balances, summed by the database (GROUP BY over the open orders,
/// which are few next to all orders: collected and paid ones are never read), then joined to the
/// companies. The list is keyset-paged on (amount, company id) like every list; the sums are
/// worked out for the whole filter on each page anyway (grand totals), so paging by offset would
/// save nothing and would skip or repeat rows when a balance changes between pages.
/// </summary>
public sealed class TradeBalances(KehuDbContext db, WorkflowDirectory directory, IStringLocalizer<SharedResource> l)
{
    public async Task<BalanceRights> RightsAsync(long userId, CancellationToken ct) =>
        BalanceRights.Of(await directory.RolesOfAsync(userId, ct));

    public async Task<Result<BalanceList>> ListAsync(long userId, BalanceQuery q, CancellationToken ct)
    {
        var rights = await RightsAsync(userId, ct);
        if (!rights.Any) return Error.Forbidden(l["只有财务部经理、销售部经理、采购部经理和系统管理员可以查看应收应付"]);
        var kind = rights.Narrow(ParseKind(q.Kind));
        var sort = ParseSort(q.Sort, kind, rights);
        var descending = ListSort.Descending(q.Dir);
        var term = await CompanyScope.ParseAsync(db, q.Q, ct);
        var rows = Rows(kind, CompanyScope.Search(db, db.Companies.AsNoTracking(), term), null);
        var totals = await rows.GroupBy(_ => 1).Select(g => new BalanceTotals(g.Count(),
            g.Sum(r => r.SalesTotal), g.Sum(r => r.Received), g.Sum(r => r.Receivable),
            g.Sum(r => r.PurchaseTotal), g.Sum(r => r.Paid), g.Sum(r => r.Payable))).SingleOrDefaultAsync(ct)
            ?? new BalanceTotals(0, 0, 0, 0, 0, 0, 0);
        var page = await Keyset.PageAsync(rows, Orders[sort], new PageRequest(q.Cursor, q.Limit, descending), ct,
            (_, _) => Task.FromResult<(int?, bool)>((totals.Count, false)));
        return new BalanceList(page, totals, rights, kind, sort, descending);
    }

    /// <summary>One company's balances as far as the user may see them (a figure they may not see is
    /// 0), or null when they may see neither.</summary>
    public async Task<(BalanceRow Row, BalanceRights Rights)?> ForCompanyAsync(long userId, long companyId, CancellationToken ct)
    {
        var rights = await RightsAsync(userId, ct);
        if (!rights.Any) return null;
        var kind = rights.Narrow(BalanceKind.All);
        var row = await Rows(kind, db.Companies.AsNoTracking().Where(c => c.Id == companyId), companyId).SingleOrDefaultAsync(ct);
        return (row ?? new BalanceRow { CompanyId = companyId }, rights);
    }

    public static BalanceKind ParseKind(string? text) => ListSort.Parse(text, BalanceKind.All);

    private static BalanceSort ParseSort(string? text, BalanceKind kind, BalanceRights rights)
    {
        var fallback = kind == BalanceKind.Payable ? BalanceSort.Payable : BalanceSort.Receivable;
        var sort = ListSort.Parse(text, fallback);
        return (sort == BalanceSort.Receivable && !rights.Receivables) || (sort == BalanceSort.Payable && !rights.Payables) ? fallback : sort;
    }

    private static readonly Dictionary<BalanceSort, KeysetOrder<BalanceRow>> Orders = new()
    {
        [BalanceSort.Receivable] = KeysetOrder.By<BalanceRow>(r => r.Receivable, r => r.CompanyId),
        [BalanceSort.Payable] = KeysetOrder.By<BalanceRow>(r => r.Payable, r => r.CompanyId),
        [BalanceSort.Code] = KeysetOrder.By<BalanceRow>(r => r.Code, r => r.CompanyId),
    };

    /// <summary>A company's share of one open order: its figures on the sales or the purchase side.</summary>
    private sealed class Flow
    {
        public long CompanyId { get; init; }
        public decimal SalesTotal { get; init; }
        public decimal Received { get; init; }
        public decimal PurchaseTotal { get; init; }
        public decimal Paid { get; init; }
    }

    /// <summary>The companies among <paramref name="companies"/> with a balance of the kind, one row
    /// each. The open orders of both sides are put together (UNION ALL) and summed per company, so a
    /// company that is customer and supplier is one row.</summary>
    private IQueryable<BalanceRow> Rows(BalanceKind kind, IQueryable<Company> companies, long? companyId)
    {
        var sales = db.SalesOrders.AsNoTracking().Where(o => o.State == SalesOrderState.Approved);
        var purchases = db.PurchaseOrders.AsNoTracking().Where(o => o.State == PurchaseOrderState.Approved);
        if (companyId is { } id)
        {
            sales = sales.Where(o => o.CustomerId == id);
            purchases = purchases.Where(o => o.SupplierId == id);
        }
        var salesFlows = sales.Select(o => new Flow { CompanyId = o.CustomerId, SalesTotal = o.Total, Received = o.Received, PurchaseTotal = 0m, Paid = 0m });
        var purchaseFlows = purchases.Select(o => new Flow { CompanyId = o.SupplierId, SalesTotal = 0m, Received = 0m, PurchaseTotal = o.Total, Paid = o.Paid });
        var flows = kind switch
        {
            BalanceKind.Receivable => salesFlows,
            BalanceKind.Payable => purchaseFlows,
            BalanceKind.All => salesFlows.Concat(purchaseFlows),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var sums = flows.GroupBy(f => f.CompanyId).Select(g => new
        {
            CompanyId = g.Key,
            SalesTotal = g.Sum(f => f.SalesTotal),
            Received = g.Sum(f => f.Received),
            PurchaseTotal = g.Sum(f => f.PurchaseTotal),
            Paid = g.Sum(f => f.Paid),
        });
        var rows = from s in sums
                   join c in companies on s.CompanyId equals c.Id
                   select new BalanceRow
                   {
                       CompanyId = c.Id,
                       Code = c.Code,
                       Name = c.Name,
                       SalesTotal = s.SalesTotal,
                       Received = s.Received,
                       Receivable = s.SalesTotal - s.Received,
                       PurchaseTotal = s.PurchaseTotal,
                       Paid = s.Paid,
                       Payable = s.PurchaseTotal - s.Paid,
                   };
        // An approved order of 0.00 stays open with nothing owed; it is no balance.
        return rows.Where(r => r.Receivable != 0 || r.Payable != 0);
    }
}
