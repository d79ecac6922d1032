using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Expenses;

/// <summary>Who sees which claims and advances: the finance manager and the administrator see all;
/// anyone else sees those they filled or that are for them, and, as a 上级, those of their
/// department (as a 部门经理) and of the people whose explicit supervisor they are — the supervisor
/// step needs that. Pages and the API use the same queries.</summary>
public sealed class ExpenseAccess(KehuDbContext db, WorkflowDirectory directory)
{
    public static readonly IReadOnlyList<string> SeeAll = [RoleCodes.FinanceManager, RoleCodes.Administrator];

    public async Task<bool> SeesAllAsync(long userId, CancellationToken ct) =>
        SeeAll.Any((await directory.RolesOfAsync(userId, ct)).Contains);

    /// <summary>Whether the user may fill claims and advances (role 员工, or any role that sees them all).</summary>
    public async Task<bool> MayApplyAsync(long userId, CancellationToken ct)
    {
        var roles = await directory.RolesOfAsync(userId, ct);
        return roles.Contains(RoleCodes.Employee) || SeeAll.Any(roles.Contains);
    }

    public async Task<IQueryable<ExpenseClaim>> ClaimsAsync(long userId, CancellationToken ct) =>
        Scope(db.Set<ExpenseClaim>().AsNoTracking(), userId, await SeesAllAsync(userId, ct));

    public async Task<IQueryable<ExpenseAdvance>> AdvancesAsync(long userId, CancellationToken ct) =>
        Scope(db.Set<ExpenseAdvance>().AsNoTracking(), userId, await SeesAllAsync(userId, ct));

    private IQueryable<T> Scope<T>(IQueryable<T> documents, long userId, bool seesAll) where T : ExpenseDocument
    {
        if (seesAll) return documents;
        var managed = db.Departments.Where(d => d.ManagerId == userId).Select(d => (long?)d.Id);
        var reports = db.Users.Where(u => u.SupervisorId == userId || managed.Contains(u.DepartmentId)).Select(u => u.Id);
        return documents.Where(x => x.ApplicantId == userId || x.PersonId == userId
                                    || managed.Contains(x.DepartmentId) || reports.Contains(x.ApplicantId));
    }
}
