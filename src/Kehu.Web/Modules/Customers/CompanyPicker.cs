using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

public sealed record CompanyChoice(long Id, string Name, string Code);

/// <summary>The choices of every company drop-down: the companies the user may see that match what
/// was typed, newest first (the order the search index is walked in, so it stays fast on millions
/// of rows), a bounded number at a time, plus the one already chosen. Served as JSON by
/// <c>/customers/companies?handler=Lookup</c>.</summary>
public sealed class CompanyPicker(KehuDbContext db, DataScopeProvider scopes)
{
    public const int MaxResults = 50;
    public const string LookupUrl = "/customers/companies?handler=Lookup";

    public async Task<List<CompanyChoice>> SearchAsync(long userId, string? q, long? selectedId, CancellationToken ct, string? role = null)
    {
        var scope = await scopes.ForAsync(userId, ct);
        var visible = WithRole(CompanyScope.Visible(db, scope), role);
        var parts = CompanyScope.VisibleParts(db, scope).Select(p => WithRole(p, role)).ToList();
        var found = await (await CompanyScope.NewestMatchesAsync(db, parts, visible, q, MaxResults, ct))
            .Select(c => new CompanyChoice(c.Id, c.Name, c.Code))
            .ToListAsync(ct);
        if (selectedId is { } id && found.All(c => c.Id != id))
        {
            var selected = await visible.Where(c => c.Id == id).Select(c => new CompanyChoice(c.Id, c.Name, c.Code)).FirstOrDefaultAsync(ct);
            if (selected is not null) found.Insert(0, selected);
        }
        return found;
    }

    private static IQueryable<Company> WithRole(IQueryable<Company> companies, string? role) => role switch
    {
        "supplier" => companies.Where(c => c.IsSupplier),
        "customer" => companies.Where(c => c.IsCustomer),
        _ => companies,
    };
}
