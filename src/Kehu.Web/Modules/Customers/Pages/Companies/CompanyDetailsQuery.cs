using System.Runtime.CompilerServices;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

/// <summary>One company, if the user may see it.</summary>
public sealed class CompanyDetailsQuery(KehuDbContext db, DataScopeProvider scopes)
{
    // The two common scopes (sees everything; owns companies alone, nothing shared) as compiled
    // queries: the same SQL and filter as CompanyScope.Visible, without translating the LINQ
    // (parameter extraction, the query cache's key) on every request. Any other scope (a manager's
    // department, companies shared with the user) takes the general path. EF binds a compiled
    // query to one model, so there is one pair per model (one per provider; the tests run both).
    private sealed class Compiled
    {
        public readonly Func<KehuDbContext, long, CancellationToken, Task<Company?>> ById =
            EF.CompileAsyncQuery((KehuDbContext db, long id, CancellationToken ct) =>
                db.Companies.AsNoTracking().FirstOrDefault(c => c.Id == id));

        public readonly Func<KehuDbContext, long, long, CancellationToken, Task<Company?>> ByIdOwnedBy =
            EF.CompileAsyncQuery((KehuDbContext db, long id, long owner, CancellationToken ct) =>
                db.Companies.AsNoTracking().FirstOrDefault(c => c.Id == id && c.OwnerId == owner));
    }

    private static readonly ConditionalWeakTable<IModel, Compiled> PerModel = new();

    public async Task<Company?> FindAsync(long userId, long id, CancellationToken ct) =>
        (await FindWithScopeAsync(userId, id, ct)).Company;

    /// <summary>The company and the caller's data scope, which the caller needs again (to mark a
    /// company shared with them) and need not look up twice.</summary>
    public async Task<(Company? Company, DataScope Scope)> FindWithScopeAsync(long userId, long id, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        if (scope.SeesAll) return (await PerModel.GetValue(db.Model, _ => new Compiled()).ById(db, id, ct), scope);
        if (!scope.HasShares && scope.OwnerIds.Count == 1)
            return (await PerModel.GetValue(db.Model, _ => new Compiled()).ByIdOwnedBy(db, id, scope.OwnerIds[0], ct), scope);
        return (await CompanyScope.Visible(db, scope).FirstOrDefaultAsync(c => c.Id == id, ct), scope);
    }

    /// <summary>Whether the company is shared with the user (the API's <c>sharedWithMe</c>).</summary>
    public async Task<bool> IsSharedWithAsync(DataScope scope, long companyId, CancellationToken ct) =>
        (await CompanyScope.SharedAmongAsync(db, scope, [companyId], ct)).Count > 0;
}
