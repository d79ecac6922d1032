using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers.Pages.Contacts;

public sealed record CompanyChoice(long Id, string Name, string Code);

/// <summary>The choices of a company drop-down: the companies the user may see that match what
/// was typed, a bounded number at a time, plus the one already chosen.</summary>
public sealed class CompanyPicker(KehuDbContext db, DataScopeProvider scopes)
{
    public const int MaxResults = 50;

    public async Task<List<CompanyChoice>> SearchAsync(long userId, string? q, long? selectedId, CancellationToken ct)
    {
        var visible = await CompanyScope.VisibleAsync(db, scopes, userId, ct);
        var found = await CompanyScope.Search(db, visible, q)
            .OrderBy(c => c.NormalizedName).ThenBy(c => c.Id)
            .Select(c => new CompanyChoice(c.Id, c.Name, c.Code))
            .Take(MaxResults).ToListAsync(ct);
        if (selectedId is { } id && found.All(c => c.Id != id))
        {
            var selected = await visible.Where(c => c.Id == id).Select(c => new CompanyChoice(c.Id, c.Name, c.Code)).FirstOrDefaultAsync(ct);
            if (selected is not null) found.Insert(0, selected);
        }
        return found;
    }
}
