using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

/// <summary>The companies one user may see: the data-scope filter every company query starts from.</summary>
public static class CompanyScope
{
    public static async Task<IQueryable<Company>> VisibleAsync(KehuDbContext db, DataScopeProvider scopes, long userId, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(userId, ct);
        return scope.Owned(db.Companies.AsNoTracking(), db.Users, c => c.OwnerId);
    }

    /// <summary>Name search. Every term of two or more characters is looked up through the bigram
    /// index (one of its bigrams narrows the rows, the substring test confirms them); a single
    /// character falls back to a substring test, which is bounded by the page size.</summary>
    public static IQueryable<Company> Search(KehuDbContext db, IQueryable<Company> companies, string? q)
    {
        var term = NameNormalizer.Normalize(q);
        if (term.Length == 0) return companies;
        if (term.Length == 1) return companies.Where(c => c.NormalizedName.Contains(term) || c.Code == q!.Trim());
        var gram = NameNormalizer.Bigrams(term)[0];
        var byName = from g in db.CompanyNameGrams
                     where g.Gram == gram
                     join c in companies on g.CompanyId equals c.Id
                     where c.NormalizedName.Contains(term)
                     select c;
        var code = q!.Trim().ToUpperInvariant();
        return code.StartsWith('C') && code.Length > 1 && code[1..].All(char.IsAsciiDigit)
            ? byName.Union(companies.Where(c => c.Code == code))
            : byName;
    }
}
