using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Service;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics;

/// <summary>What each analysis reads for one user (README: Who sees what): the records the owning
/// modules already let them see, so a report never shows a figure its documents would not.</summary>
public sealed class AnalyticsAccess(KehuDbContext db, SalesOrderAccess sales, ComplaintScope complaints, DataScopeProvider scopes,
    WorkflowDirectory directory, IStringLocalizer<SharedResource> l)
{
    /// <summary>进销存 shows costs: the stock keepers, the purchase, sales and finance managers and the administrator.</summary>
    public static readonly IReadOnlyList<string> InventoryViewers =
        [RoleCodes.Administrator, RoleCodes.WarehouseKeeper, RoleCodes.Purchaser, RoleCodes.PurchaseManager, RoleCodes.SalesManager, RoleCodes.FinanceManager];

    public async Task<Result<IQueryable<SalesOrder>>> SalesOrdersAsync(long userId, CancellationToken ct) =>
        await sales.VisibleAsync(userId, ct) is { } orders
            ? Result<IQueryable<SalesOrder>>.Ok(orders)
            : Error.Forbidden(l["只有销售人员、销售部经理、财务部经理和系统管理员可以查看销售分析"]);

    public async Task<IQueryable<Company>> CompaniesAsync(long userId, CancellationToken ct) =>
        await CompanyScope.VisibleAsync(db, scopes, userId, ct);

    public Task<IQueryable<Complaint>> ComplaintsAsync(long userId, CancellationToken ct) => complaints.VisibleAsync(userId, ct);

    public Task<IQueryable<ServiceTicket>> ServiceTicketsAsync(long userId, CancellationToken ct) => complaints.VisibleTicketsAsync(userId, ct);

    public async Task<Error?> InventoryAsync(long userId, CancellationToken ct) =>
        InventoryViewers.Any((await directory.RolesOfAsync(userId, ct)).Contains)
            ? null
            : Error.Forbidden(l["只有仓库、采购、销售、财务部门的经理和系统管理员可以查看进销存"]);
}
