using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

/// <summary>One company, if the user may see it.</summary>
public sealed class CompanyDetailsQuery(KehuDbContext db, DataScopeProvider scopes)
{
    public async Task<Company?> FindAsync(long userId, long id, CancellationToken ct) =>
        (await FindWithScopeAsync(userId, id, ct)).Company;

    /// <summary>The company and the caller's data scope, which the caller needs again (to mark a
    /// company shared with them) and need not look up twice.</summary>
    public async Task<(Company? Company, DataScope Scope)> FindWithScopeAsync(long userId, long id, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        return (await CompanyScope.FindVisibleAsync(db, scope, id, ct), scope);
    }

    /// <summary>Whether the company is shared with the user (the API's <c>sharedWithMe</c>).</summary>
    public async Task<bool> IsSharedWithAsync(DataScope scope, long companyId, CancellationToken ct) =>
        (await CompanyScope.SharedAmongAsync(db, scope, [companyId], ct)).Count > 0;
}
