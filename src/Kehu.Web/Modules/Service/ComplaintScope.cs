using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Service;

/// <summary>
/// Who sees which complaints (README): the service desk — users who see all data, 客服人员 and
/// 技术部经理 — sees every complaint and may register one for any company. Everyone else sees the
/// complaints of the companies in their data scope, those they received, and those they were given
/// a task on (a 服务人员 sees what was assigned to them).
/// </summary>
public sealed class ComplaintScope(KehuDbContext db, DataScopeProvider scopes, WorkflowDirectory directory)
{
    public static readonly string[] DeskRoles = [RoleCodes.CustomerService, RoleCodes.TechnicalManager];

    public async Task<bool> IsDeskAsync(long userId, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        if (scope.SeesAll) return true;
        var roles = await directory.RolesOfAsync(userId, ct);
        return DeskRoles.Any(roles.Contains);
    }

    public async Task<IQueryable<Complaint>> VisibleAsync(long userId, CancellationToken ct)
    {
        var complaints = db.Complaints.AsNoTracking();
        if (await IsDeskAsync(userId, ct)) return complaints;
        var companies = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        var tasks = db.WorkflowTasks.Where(t => t.DocumentType == ComplaintWorkflow.DocumentType && (t.AssigneeId == userId || t.CompletedById == userId));
        return complaints.Where(c => c.ReceivedById == userId
                                     || companies.Any(co => co.Id == c.CompanyId)
                                     || tasks.Any(t => t.DocumentId == c.Id));
    }

    /// <summary>The companies a complaint may be registered for by this user.</summary>
    public async Task<IQueryable<Company>> CompaniesAsync(long userId, CancellationToken ct) =>
        await IsDeskAsync(userId, ct)
            ? db.Companies.AsNoTracking()
            : await CompanyScope.VisibleAsync(db, scopes, userId, ct);

    public async Task<IQueryable<ServiceTicket>> VisibleTicketsAsync(long userId, CancellationToken ct)
    {
        var complaints = await VisibleAsync(userId, ct);
        var tickets = db.ServiceTickets.AsNoTracking();
        return await IsDeskAsync(userId, ct) ? tickets : tickets.Where(t => complaints.Any(c => c.Id == t.ComplaintId));
    }
}
