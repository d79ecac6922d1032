using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Pages.Companies;

/// <summary>One company, if the user may see it.</summary>
public sealed class CompanyDetailsQuery(KehuDbContext db, DataScopeProvider scopes)
{
    public async Task<Company?> FindAsync(long userId, long id, CancellationToken ct)
    {
        var visible = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        return await visible.FirstOrDefaultAsync(c => c.Id == id, ct);
    }
}
